package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Streak leaderboards fed by the streak steps (LB-9, LB-17, EVENT-4 step 7 after step 4). */
class LeaderboardStreakTest {

  @Test
  void lb17_streak_leaderboards_hold_the_current_length_and_follow_extensions_and_losses() {
    // 2025-04-01 09:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-04-01T09:00:00Z")) {
      String lessons = f.metric("lessons", "Lessons");
      TestServer.Response config =
          f.server.admin("PUT", "/streaks/config",
              """
              {"enabled": true, "frequency": "daily", "evaluationMode": "AND",
               "metrics": [{"metricId": "%s", "threshold": 1}], "personalization": false,
               "freezes": {"enabled": false, "maxFreezes": 0, "initialFreezes": 0, "autoEarn": null}}
              """.formatted(lessons));
      assertThat(config.status()).isEqualTo(200);
      f.leaderboard("name", "Streaks", "key", "streaks", "rankBy", "streak", "start", "2025-01-01", "status", "active");

      JsonNode day1 = f.event("lessons", "ann", 1).path("leaderboards").path("streaks");
      assertThat(day1.path("rank").asInt()).isEqualTo(1);
      assertThat(day1.path("end").isNull()).isTrue();
      f.event("lessons", "bob", 1);
      assertThat(f.event("lessons", "ann", 1).path("leaderboards").has("streaks")).isFalse(); // same length
      f.at("2025-04-02T09:00:00Z");
      JsonNode day2 = f.event("lessons", "bob", 1).path("leaderboards").path("streaks");
      assertThat(day2.path("previousRank").asInt()).isEqualTo(2);
      assertThat(day2.path("rank").asInt()).isEqualTo(1);
      f.at("2025-04-02T10:00:00Z");
      assertThat(f.event("lessons", "ann", 1).path("leaderboards").path("streaks").path("rank").asInt()).isEqualTo(2);
      assertThat(f.get("/leaderboards/streaks").path("rankings").toString())
          .isEqualTo("[{\"userId\":\"bob\",\"userName\":null,\"rank\":1,\"value\":2},"
              + "{\"userId\":\"ann\",\"userName\":null,\"rank\":2,\"value\":2}]");
      // 2025-04-04: ann missed the 3rd, her streak was lost and restarts at 1 (LB-9: current length)
      f.at("2025-04-04T09:00:00Z");
      JsonNode lost = f.event("lessons", "ann", 1).path("leaderboards").path("streaks");
      assertThat(lost.path("previousRank").asInt()).isEqualTo(2);
      assertThat(lost.path("rank").asInt()).isEqualTo(2);
      assertThat(f.get("/users/ann/leaderboards/streaks").path("value").asInt()).isEqualTo(1);
      // LB-17: losses found by the streak sweep, without any event, leave the board too
      f.at("2025-04-07T09:00:00Z");
      f.server.laurel.streakSweep().runOnce();
      assertThat(f.get("/leaderboards/streaks").path("rankings")).isEmpty();
      assertThat(f.get("/users/bob/leaderboards/streaks").path("rank").isNull()).isTrue();
    }
  }
}
