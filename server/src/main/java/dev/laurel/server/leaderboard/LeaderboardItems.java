package dev.laurel.server.leaderboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.leaderboard.Field;
import dev.laurel.engine.leaderboard.LeaderboardPatch;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.RankBy;
import dev.laurel.engine.leaderboard.RunUnit;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a {@code CreateLeaderboardRequestItem} or {@code UpdateLeaderboardRequestItem} (LB-36,
 * LB-37) into a {@link LeaderboardPatch}, checking JSON types; a wrong type is the item's issue.
 * Nulls clear where LB-38 says so and are otherwise absent (GEN-6).
 */
final class LeaderboardItems {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$");

  private LeaderboardItems() {}

  static LeaderboardPatch parse(JsonNode item, int ceiling) {
    if (item == null || !item.isObject()) {
      throw Rejection.invalid("item must be an object");
    }
    String range = "maxParticipants must be an integer between 1 and " + ceiling;
    return new LeaderboardPatch(
        text(item, "name", "name must be a string"),
        text(item, "key", "key must match ^[a-zA-Z\\d-_]+$"),
        text(item, "description", "description must be a string"),
        choice(item, "status", LeaderboardStatus::fromWire, "status must be one of inactive, active, scheduled, finished"),
        choice(item, "rankBy", RankBy::fromWire, "rankBy must be one of metric, streak, points"),
        text(item, "metricId", "metricId must be a string"),
        text(item, "pointsSystemId", "pointsSystemId must be a string"),
        integer(item, "maxParticipants", true, range),
        date(item, "start", false),
        date(item, "end", true),
        time(item, "startTime"),
        time(item, "endTime"),
        ids(item),
        choice(item, "runUnit", RunUnit::fromWire, "runUnit must be one of day, month, year", true),
        integer(item, "runInterval", false, "runInterval must be an integer of at least 1"));
  }

  private static Field<String> text(JsonNode item, String name, String problem) {
    JsonNode v = item.get(name);
    if (v == null || v.isNull()) {
      return Field.absent();
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(problem);
    }
    return Field.of(v.textValue());
  }

  private static <T> Field<T> choice(JsonNode item, String name, Function<String, T> parse, String problem) {
    return choice(item, name, parse, problem, false);
  }

  private static <T> Field<T> choice(
      JsonNode item, String name, Function<String, T> parse, String problem, boolean nullClears) {
    JsonNode v = item.get(name);
    if (v == null || v.isNull()) {
      return v != null && nullClears ? Field.of(null) : Field.absent();
    }
    T value = v.isTextual() ? parse.apply(v.textValue()) : null;
    if (value == null) {
      throw Rejection.invalid(problem);
    }
    return Field.of(value);
  }

  private static Field<Integer> integer(JsonNode item, String name, boolean nullResets, String problem) {
    JsonNode v = item.get(name);
    if (v == null || v.isNull()) {
      return v != null && nullResets ? Field.of(null) : Field.absent();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw Rejection.invalid(problem);
    }
    return Field.of(v.intValue());
  }

  private static Field<LocalDate> date(JsonNode item, String name, boolean nullClears) {
    JsonNode v = item.get(name);
    if (v == null || v.isNull()) {
      return v != null && nullClears ? Field.of(null) : Field.absent();
    }
    String problem = name + " must be a date in YYYY-MM-DD format";
    if (!v.isTextual() || !DATE.matcher(v.textValue()).matches()) {
      throw Rejection.invalid(problem);
    }
    try {
      return Field.of(LocalDate.parse(v.textValue()));
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(problem);
    }
  }

  private static Field<LocalTime> time(JsonNode item, String name) {
    JsonNode v = item.get(name);
    if (v == null || v.isNull()) {
      return v != null ? Field.of(null) : Field.absent();
    }
    if (!v.isTextual() || !TIME.matcher(v.textValue()).matches()) {
      throw Rejection.invalid(name + " must be a time in HH:mm or HH:mm:ss format");
    }
    return Field.of(LocalTime.parse(v.textValue()));
  }

  private static Field<List<String>> ids(JsonNode item) {
    JsonNode v = item.get("breakdownAttributes");
    if (v == null || v.isNull()) {
      return Field.absent();
    }
    String problem = "breakdownAttributes must be an array of attribute ids";
    if (!v.isArray()) {
      throw Rejection.invalid(problem);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode id : v) {
      if (!id.isTextual()) {
        throw Rejection.invalid(problem);
      }
      out.add(id.textValue());
    }
    return Field.of(out);
  }
}
