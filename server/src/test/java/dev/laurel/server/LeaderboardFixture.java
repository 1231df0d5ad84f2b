package dev.laurel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.http.Wire;
import java.util.LinkedHashMap;
import java.util.Map;

/** A server on a hand-moved clock with helpers for leaderboard tests. */
final class LeaderboardFixture implements AutoCloseable {
  final TestClock clock;
  final TestServer server;

  LeaderboardFixture(String now) {
    this(now, null);
  }

  /** A fixture whose rankings live in the Redis at {@code redisUrl} (PostgreSQL pass only). */
  LeaderboardFixture(String now, String redisUrl) {
    clock = new TestClock(now);
    server = new TestServer(null, clock, redisUrl);
  }

  static String json(Object value) {
    try {
      return Wire.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a metric and returns its id. */
  String metric(String key, String name) {
    TestServer.Response r = server.admin("POST", "/metrics", json(java.util.List.of(Map.of("key", key, "name", name))));
    if (r.status() != 201) {
      throw new IllegalStateException("metric not created: " + r.body());
    }
    return r.body().path("created").get(0).path("id").asText();
  }

  /** Creates a user attribute and returns its id. */
  String userAttribute(String key) {
    TestServer.Response r =
        server.admin("POST", "/attributes", json(java.util.List.of(Map.of("key", key, "name", key, "type", "user"))));
    if (r.status() != 201) {
      throw new IllegalStateException("attribute not created: " + r.body());
    }
    return r.body().path("created").get(0).path("id").asText();
  }

  /** Creates a leaderboard from alternating field names and values; returns the admin object. */
  JsonNode leaderboard(Object... fields) {
    TestServer.Response r = server.admin("POST", "/leaderboards", json(java.util.List.of(map(fields))));
    if (r.status() != 201) {
      throw new IllegalStateException("leaderboard not created: " + r.body());
    }
    return r.body().path("created").get(0);
  }

  /** Sends an event; returns the response body (201 expected). */
  JsonNode event(String metricKey, String user, Object value, Object... userFields) {
    Map<String, Object> u = map(userFields);
    u.put("id", user);
    TestServer.Response r = server.app("POST", "/metrics/" + metricKey + "/event", json(Map.of("user", u, "value", value)));
    if (r.status() != 201) {
      throw new IllegalStateException("event refused: " + r.status() + " " + r.body());
    }
    return r.body();
  }

  JsonNode get(String path) {
    TestServer.Response r = server.app("GET", path, null);
    if (r.status() != 200) {
      throw new IllegalStateException(path + " answered " + r.status() + " " + r.body());
    }
    return r.body();
  }

  static Map<String, Object> map(Object... fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      out.put((String) fields[i], fields[i + 1]);
    }
    return out;
  }

  void at(String iso) {
    clock.set(iso);
  }

  void sweep() {
    server.laurel.sweepLeaderboards();
  }

  @Override
  public void close() {
    server.close();
  }
}
