package dev.laurel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.http.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A server with a hand-moved clock and the metrics and helpers the streak tests share. */
final class StreakFixture implements AutoCloseable {
  /** Daily; a lesson a day; one initial freeze, at most two. */
  static final String DAILY_WITH_FREEZES =
      """
      {"enabled": true, "frequency": "daily", "evaluationMode": "AND",
       "metrics": [{"metricId": "%s", "threshold": 1}], "personalization": false,
       "freezes": {"enabled": true, "maxFreezes": 2, "initialFreezes": 1, "autoEarn": null}}
      """;

  final TestClock clock;
  final TestServer server;

  StreakFixture(String start) {
    clock = new TestClock(start);
    server = new TestServer(null, clock);
    server.createMetric("lessons");
    server.createMetric("quizzes");
  }

  /** The id of the metric with this key. */
  String metricId(String key) {
    for (JsonNode m : server.admin("GET", "/metrics?limit=100", null).body()) {
      if (m.path("key").asText().equals(key)) {
        return m.path("id").asText();
      }
    }
    throw new IllegalStateException("no metric " + key);
  }

  /** {@code PUT /admin/v1/streaks/config} with {@code template} formatted with the lessons id. */
  TestServer.Response config(String template) {
    return server.admin("PUT", "/streaks/config", template.formatted(metricId("lessons")));
  }

  TestServer.Response event(String user, String metric, int value, String... headers) {
    return server.app(
        "POST",
        "/metrics/" + metric + "/event",
        "{\"user\":{\"id\":\"" + user + "\"},\"value\":" + value + "}",
        headers);
  }

  /** Sends one lesson at {@code at} and returns the response's streak. */
  JsonNode lessonAt(String user, String at) {
    clock.set(at);
    TestServer.Response r = event(user, "lessons", 1);
    if (r.status() != 201) {
      throw new IllegalStateException("event failed: " + r.body());
    }
    return r.body().path("currentStreak");
  }

  JsonNode streak(String user) {
    return server.app("GET", "/users/" + user + "/streak", null).body();
  }

  static JsonNode json(String text) {
    try {
      return Wire.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
