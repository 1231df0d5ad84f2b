package dev.laurel.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.points.MetricProgress;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-user documents of the users row (migration V10, issue 8): metric totals as {@code
 * {"<metric id>": "<plain decimal>"}}, points totals as {@code {"<system id>": <total>}} and
 * metric-trigger progress (TRIG-5) as {@code {"<trigger id>": [epoch, revision, "<accumulated>",
 * "<paid>"]}}, and (V13) the user's entry in the latest run of each leaderboard as {@code
 * {"<leaderboard id>": ["<run start>", "<group>" or null, "<value>", <reached at, epoch ms>]}}.
 * Decimals are strings, so they stay exact.
 */
final class UserTallies {
  private static final JsonFactory JSON = JsonBuffers.factory();

  private UserTallies() {}

  static String writeTotals(Map<String, BigDecimal> totals) {
    return write(g -> {
      for (Map.Entry<String, BigDecimal> e : totals.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue().toPlainString());
      }
    });
  }

  static Map<String, BigDecimal> readTotals(String json) {
    Map<String, BigDecimal> totals = new HashMap<>();
    read(json, (key, p) -> totals.put(key, new BigDecimal(text(p, JsonToken.VALUE_STRING))));
    return totals;
  }

  static String writePoints(Map<String, Long> totals) {
    return write(g -> {
      for (Map.Entry<String, Long> e : totals.entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
    });
  }

  static Map<String, Long> readPoints(String json) {
    Map<String, Long> totals = new HashMap<>();
    read(json, (key, p) -> totals.put(key, number(p)));
    return totals;
  }

  static String writeProgress(Map<String, MetricProgress> progress) {
    return write(g -> {
      for (Map.Entry<String, MetricProgress> e : progress.entrySet()) {
        MetricProgress m = e.getValue();
        g.writeArrayFieldStart(e.getKey());
        g.writeNumber(m.epoch());
        g.writeNumber(m.revision());
        g.writeString(m.accumulated().toPlainString());
        g.writeString(m.paid().toPlainString());
        g.writeEndArray();
      }
    });
  }

  static Map<String, MetricProgress> readProgress(String json) {
    Map<String, MetricProgress> progress = new HashMap<>();
    read(json, (key, p) -> {
      expect(p, JsonToken.START_ARRAY);
      long epoch = number(p);
      long revision = number(p);
      BigDecimal accumulated = new BigDecimal(text(p, JsonToken.VALUE_STRING));
      BigDecimal paid = new BigDecimal(text(p, JsonToken.VALUE_STRING));
      expect(p, JsonToken.END_ARRAY);
      progress.put(key, new MetricProgress(epoch, revision, accumulated, paid));
    });
    return progress;
  }

  static String writeEntries(LeaderboardEntries entries) {
    return write(g -> {
      for (Map.Entry<String, LeaderboardEntry> e : entries.byLeaderboard().entrySet()) {
        LeaderboardEntry entry = e.getValue();
        g.writeArrayFieldStart(e.getKey());
        g.writeString(entry.run().toString());
        if (entry.group() == null) {
          g.writeNull();
        } else {
          g.writeString(entry.group());
        }
        g.writeString(entry.value().toPlainString());
        g.writeNumber(entry.reachedAt().toEpochMilli());
        g.writeEndArray();
      }
    });
  }

  static LeaderboardEntries readEntries(String json) {
    if (json.equals("{}")) {
      return LeaderboardEntries.EMPTY;
    }
    Map<String, LeaderboardEntry> entries = new LinkedHashMap<>();
    read(json, (key, p) -> {
      expect(p, JsonToken.START_ARRAY);
      LocalDate run = LocalDate.parse(text(p, JsonToken.VALUE_STRING));
      JsonToken group = p.nextToken();
      if (group != JsonToken.VALUE_STRING && group != JsonToken.VALUE_NULL) {
        throw new IOException("expected a group or null at " + p.currentLocation());
      }
      String grp = group == JsonToken.VALUE_NULL ? null : p.getText();
      BigDecimal value = new BigDecimal(text(p, JsonToken.VALUE_STRING));
      Instant reachedAt = Instant.ofEpochMilli(number(p));
      expect(p, JsonToken.END_ARRAY);
      entries.put(key, new LeaderboardEntry(run, grp, value, reachedAt));
    });
    return new LeaderboardEntries(entries);
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private interface Field {
    void read(String key, JsonParser p) throws IOException;
  }

  private static String write(Fields fields) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Reads an object's fields in order, each value by {@code field}. */
  private static void read(String json, Field field) {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, JsonToken.START_OBJECT);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.FIELD_NAME) {
          throw new IOException("expected a field name at " + p.currentLocation());
        }
        field.read(p.currentName(), p);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("corrupt per-user document: " + json, e);
    }
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new IOException("expected " + token + " at " + p.currentLocation());
    }
  }

  private static String text(JsonParser p, JsonToken token) throws IOException {
    expect(p, token);
    return p.getText();
  }

  private static long number(JsonParser p) throws IOException {
    expect(p, JsonToken.VALUE_NUMBER_INT);
    return p.getLongValue();
  }
}
