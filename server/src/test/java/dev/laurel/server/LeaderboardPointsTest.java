package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Points leaderboards fed by the points step of the same event (LB-9: the summed effective award
 * deltas of the request, user_creation awards included) and PTS-16 (a points system a non-finished
 * leaderboard ranks by cannot be deleted).
 */
class LeaderboardPointsTest {

  private static String xp(LeaderboardFixture f, String metricId) {
    TestServer.Response r = f.server.admin("POST", "/points", """
        [{"name": "XP", "key": "xp", "triggers": [
          {"type": "metric", "metricId": "%s", "metricThreshold": 10, "points": 20, "status": "active"},
          {"type": "user_creation", "points": 100, "status": "active"}]}]
        """.formatted(metricId));
    assertThat(r.status()).isEqualTo(201);
    return r.body().path("created").get(0).path("id").asText();
  }

  @Test
  void lb9_an_event_awarding_xp_moves_the_user_on_a_points_leaderboard_in_the_same_response() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String cards = f.metric("cards", "Cards");
      String xpId = xp(f, cards);
      f.leaderboard("name", "XP board", "key", "xp-board", "rankBy", "points", "pointsSystemId", xpId,
          "start", "2025-01-01", "status", "active");
      // a: created by the event (user_creation 100) and 10 cards (20 XP) → 120
      JsonNode a = f.event("cards", "a", 10);
      assertThat(a.path("points").path("xp").path("added").asLong()).isEqualTo(120);
      JsonNode entryA = a.path("leaderboards").path("xp-board");
      assertThat(entryA.path("rank").asInt()).isEqualTo(1);
      // b: user_creation only (5 cards cross no threshold) → 100, second
      f.at("2025-01-15T10:01:00Z");
      JsonNode b = f.event("cards", "b", 5).path("leaderboards").path("xp-board");
      assertThat(b.path("rank").asInt()).isEqualTo(2);
      // b: 30 more cards (35 in all) → 3 × 20 = 60 XP → 160 overtakes a
      f.at("2025-01-15T10:02:00Z");
      JsonNode b2 = f.event("cards", "b", 30).path("leaderboards").path("xp-board");
      assertThat(b2.path("rank").asInt()).isEqualTo(1);
      assertThat(b2.path("previousRank").asInt()).isEqualTo(2);
      JsonNode board = f.get("/leaderboards/xp-board");
      assertThat(board.path("rankings").get(0).path("userId").asText()).isEqualTo("b");
      assertThat(board.path("rankings").get(0).path("value").asLong()).isEqualTo(160);
      assertThat(board.path("rankings").get(1).path("value").asLong()).isEqualTo(120);
    }
  }

  @Test
  void pts16_a_points_system_ranked_by_a_non_finished_leaderboard_cannot_be_deleted() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String xpId = xp(f, f.metric("cards", "Cards"));
      String lbId = f.leaderboard("name", "XP board", "key", "xp-board", "rankBy", "points", "pointsSystemId", xpId,
          "start", "2025-01-01", "status", "active").path("id").asText();
      JsonNode refused = f.server.admin("DELETE", "/points?ids=" + xpId, null).body();
      assertThat(refused.path("deleted")).isEmpty();
      assertThat(refused.path("issues").get(0).path("message").asText()).contains("xp-board");
      f.server.admin("PATCH", "/leaderboards",
          LeaderboardFixture.json(java.util.List.of(LeaderboardFixture.map("id", lbId, "status", "finished"))));
      JsonNode deleted = f.server.admin("DELETE", "/points?ids=" + xpId, null).body();
      assertThat(deleted.path("deleted").get(0).path("id").asText()).isEqualTo(xpId);
    }
  }
}
