package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Points leaderboards fed by the points steps and by awards outside events (LB-9, LB-16, LB-22). */
class LeaderboardPointsTest {

  @Test
  void lb16_points_leaderboards_sum_the_awards_of_their_system_in_the_run() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String cards = f.metric("cards", "Cards");
      TestServer.Response xp =
          f.server.admin("POST", "/points",
              """
              [{"name": "XP", "key": "xp",
                "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": 10, "status": "active"},
                             {"type": "user_creation", "points": 5, "status": "active"}]}]
              """.formatted(cards));
      String xpId = xp.body().path("created").get(0).path("id").asText();
      JsonNode board =
          f.leaderboard("name", "Weekly XP", "key", "weekly-xp", "rankBy", "points", "pointsSystemId", xpId,
              "runUnit", "day", "runInterval", 7, "start", "2025-01-13", "status", "active");
      assertThat(board.path("pointsSystemId").asText()).isEqualTo(xpId);

      JsonNode first = f.event("cards", "ann", 2).path("leaderboards").path("weekly-xp");
      assertThat(first.path("pointsSystemKey").asText()).isEqualTo("xp");
      assertThat(first.path("pointsSystemName").asText()).isEqualTo("XP");
      assertThat(first.has("metricKey")).isFalse();
      assertThat(first.path("rank").asInt()).isEqualTo(1);
      // user creation (5) and two thresholds crossed (2 × 10), as the points response reports them
      assertThat(f.get("/users/ann/leaderboards/weekly-xp").path("value").asInt()).isEqualTo(25);

      // LB-16: a user created outside events gets the creation award on the board too
      assertThat(f.server.app("PUT", "/users/bob", "{\"name\":\"Bob\"}").status()).isEqualTo(200);
      assertThat(f.get("/leaderboards/weekly-xp").path("rankings").toString())
          .isEqualTo("[{\"userId\":\"ann\",\"userName\":null,\"rank\":1,\"value\":25},"
              + "{\"userId\":\"bob\",\"userName\":\"Bob\",\"rank\":2,\"value\":5}]");
      // LB-2: points of the next weekly run start from zero
      f.at("2025-01-20T10:00:00Z");
      JsonNode next = f.event("cards", "bob", 1).path("leaderboards").path("weekly-xp");
      assertThat(next.path("start").asText()).isEqualTo("2025-01-20");
      assertThat(f.get("/users/bob/leaderboards/weekly-xp").path("value").asInt()).isEqualTo(10);
      // PTS-16: the system of a leaderboard that is not finished cannot be deleted
      JsonNode refused = f.server.admin("DELETE", "/points?ids=" + xpId, null).body();
      assertThat(refused.path("issues").get(0).path("message").asText()).isEqualTo("Points system is in use by leaderboard weekly-xp");
      // LB-36: rankBy points needs an active points system
      TestServer.Response bad =
          f.server.admin("POST", "/leaderboards",
              "[{\"name\":\"x\",\"key\":\"x\",\"rankBy\":\"points\",\"pointsSystemId\":\"00000000-0000-4000-8000-000000000000\"}]");
      assertThat(bad.body().path("issues").get(0).path("message").asText()).startsWith("pointsSystemId must be the id");
    }
  }
}
