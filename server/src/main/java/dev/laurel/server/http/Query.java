package dev.laurel.server.http;

import dev.laurel.engine.Rejection;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Query parameters (GEN-10): validation failures name the parameter (ERR-4). */
public final class Query {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");

  /** GEN-7: calendar dates are exactly {@code YYYY-MM-DD} (no signed or extended years). */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private Query() {}

  /** An integer parameter in [min, max], or {@code fallback} when absent. */
  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    raw = raw.trim();
    long value;
    if (!INTEGER.matcher(raw).matches() || (value = Long.parseLong(raw)) < min || value > max) {
      throw Rejection.invalid(name + " must be an integer between " + min + " and " + max);
    }
    return (int) value;
  }

  /** GEN-10 array parameter: repeated keys and comma-separated values, trimmed, empties dropped. */
  public static List<String> list(Context ctx, String name) {
    List<String> out = new ArrayList<>();
    for (String raw : ctx.queryParams(name)) {
      for (String part : raw.split(",")) {
        String item = part.trim();
        if (!item.isEmpty()) {
          out.add(item);
        }
      }
    }
    return out;
  }

  /** A required {@code YYYY-MM-DD} date parameter (GEN-7). */
  public static LocalDate date(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      throw Rejection.invalid(name + " is required");
    }
    try {
      if (!DATE.matcher(raw.trim()).matches()) {
        throw Rejection.invalid(name + " must be a date in YYYY-MM-DD format");
      }
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(name + " must be a date in YYYY-MM-DD format");
    }
  }

  /** A required parameter that must be one of {@code allowed}. */
  public static String oneOf(Context ctx, String name, List<String> allowed) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      throw Rejection.invalid(name + " is required");
    }
    if (!allowed.contains(raw.trim())) {
      throw Rejection.invalid(name + " must be one of " + String.join(", ", allowed));
    }
    return raw.trim();
  }
}
