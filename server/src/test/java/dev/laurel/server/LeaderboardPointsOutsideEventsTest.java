package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * LB-16: points leaderboards follow awards made outside events too — user_creation awards of a
 * user created by {@code PUT /users}, time-trigger awards settled by the points sweep — and a new
 * run starts from zero (LB-2).
 */
class LeaderboardPointsOutsideEventsTest {

  @Test
  void lb16_creation_and_time_trigger_awards_outside_events_reach_points_leaderboards() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String cards = f.metric("cards", "Cards");
      TestServer.Response xp =
          f.server.admin("POST", "/points",
              """
              [{"name": "XP", "key": "xp",
                "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": 10, "status": "active"},
                             {"type": "user_creation", "points": 5, "status": "active"},
                             {"type": "time", "timeUnit": "hours", "timeInterval": 24, "points": 1, "status": "active"}]}]
              """.formatted(cards));
      assertThat(xp.status()).isEqualTo(201);
      String xpId = xp.body().path("created").get(0).path("id").asText();
      f.leaderboard("name", "Weekly XP", "key", "weekly-xp", "rankBy", "points", "pointsSystemId", xpId,
          "runUnit", "day", "runInterval", 7, "start", "2025-01-13", "status", "active");

      f.event("cards", "ann", 2); // creation 5 + 2 × 10
      assertThat(f.server.app("PUT", "/users/bob", "{\"name\":\"Bob\"}").status()).isEqualTo(200); // creation 5
      assertThat(f.get("/leaderboards/weekly-xp").path("rankings").toString())
          .isEqualTo("[{\"userId\":\"ann\",\"userName\":null,\"rank\":1,\"value\":25},"
              + "{\"userId\":\"bob\",\"userName\":\"Bob\",\"rank\":2,\"value\":5}]");

      // a day later the time trigger fires for both, settled by the sweep without any event
      f.at("2025-01-16T10:30:00Z");
      f.server.laurel.sweepPoints();
      JsonNode rankings = f.get("/leaderboards/weekly-xp").path("rankings");
      assertThat(rankings.get(0).path("value").asInt()).isEqualTo(26);
      assertThat(rankings.get(1).path("value").asInt()).isEqualTo(6);

      // LB-2: the next weekly run starts from zero
      f.at("2025-01-20T10:00:00Z");
      JsonNode next = f.event("cards", "bob", 1).path("leaderboards").path("weekly-xp");
      assertThat(next.path("start").asText()).isEqualTo("2025-01-20");
      assertThat(f.get("/users/bob/leaderboards/weekly-xp").path("value").asInt()).isGreaterThanOrEqualTo(10);
    }
  }
}
