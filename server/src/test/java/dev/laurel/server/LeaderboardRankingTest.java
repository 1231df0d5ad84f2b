package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.server.leaderboard.Rankings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Participants, ties and thresholds (LB-10..LB-12), pages (LB-23, LB-29), breakdown groups (LB-13,
 * LB-14, LB-30) and the rebuild of the rankings at start (CON-14, LB-19).
 */
class LeaderboardRankingTest {

  private static List<String> ids(JsonNode rankings) {
    List<String> out = new ArrayList<>();
    rankings.forEach(r -> out.add(r.path("userId").asText() + ":" + r.path("rank").asInt() + ":" + r.path("value").asInt()));
    return out;
  }

  @Test
  void lb10_lb12_ties_go_to_who_reached_the_value_first_and_a_full_board_needs_more_than_the_threshold() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      f.leaderboard("name", "Top two", "key", "top-two", "rankBy", "metric", "metricId", metricId,
          "maxParticipants", 2, "start", "2025-01-01", "status", "active");
      assertThat(f.event("cards", "a", 10).path("leaderboards").path("top-two").path("threshold").asInt()).isZero();
      f.at("2025-01-15T10:01:00Z");
      JsonNode b = f.event("cards", "b", 10).path("leaderboards").path("top-two");
      assertThat(b.path("rank").asInt()).isEqualTo(2);
      assertThat(b.path("threshold").asInt()).isEqualTo(10); // full: the last participant's value
      f.at("2025-01-15T10:02:00Z");
      JsonNode c = f.event("cards", "c", 10).path("leaderboards").path("top-two");
      assertThat(c.path("rank").isNull()).isTrue(); // a tie loses to the incumbents
      assertThat(c.path("previousRank").isNull()).isTrue(); // LB-31: included although both ranks are null
      f.at("2025-01-15T10:03:00Z");
      JsonNode c2 = f.event("cards", "c", 0.5).path("leaderboards").path("top-two");
      assertThat(c2.path("rank").asInt()).isEqualTo(1);
      assertThat(c2.path("threshold").asInt()).isEqualTo(10);
      assertThat(ids(f.get("/leaderboards/top-two").path("rankings"))).containsExactly("c:1:10", "a:2:10"); // LB-11 truncates
      JsonNode displaced = f.get("/users/b/leaderboards/top-two");
      assertThat(displaced.path("rank").isNull()).isTrue();
      assertThat(displaced.path("value").isNull()).isTrue();

      // LB-19: equal values reached at the same instant are ordered by user id
      f.at("2025-01-15T11:00:00Z");
      f.leaderboard("name", "Open", "key", "open", "rankBy", "metric", "metricId", metricId, "start", "2025-01-01", "status", "active");
      f.event("cards", "zed", 3);
      f.event("cards", "amy", 3);
      assertThat(ids(f.get("/leaderboards/open").path("rankings"))).containsExactly("amy:1:3", "zed:2:3");
    }
  }

  @Test
  void lb23_lb29_pages_and_pages_around_a_user() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      f.leaderboard("name", "Cards", "key", "cards", "rankBy", "metric", "metricId", metricId,
          "maxParticipants", 4, "start", "2025-01-01", "status", "active");
      for (int i = 1; i <= 6; i++) {
        f.event("cards", "u" + i, 100 - i);
      }
      assertThat(ids(f.get("/leaderboards/cards").path("rankings"))).containsExactly("u1:1:99", "u2:2:98", "u3:3:97", "u4:4:96");
      assertThat(ids(f.get("/leaderboards/cards?offset=1&limit=2").path("rankings"))).containsExactly("u2:2:98", "u3:3:97");
      assertThat(ids(f.get("/leaderboards/cards?offset=3&limit=10").path("rankings"))).containsExactly("u4:4:96");
      assertThat(f.get("/leaderboards/cards?limit=0").path("rankings")).isEmpty();
      assertThat(f.get("/leaderboards/cards?offset=9").path("rankings")).isEmpty();
      assertThat(ids(f.get("/leaderboards/cards?userId=u3&offset=1&limit=3").path("rankings")))
          .containsExactly("u2:2:98", "u3:3:97", "u4:4:96");
      assertThat(ids(f.get("/leaderboards/cards?userId=u2&offset=5&limit=2").path("rankings"))).containsExactly("u1:1:99", "u2:2:98");
      assertThat(f.get("/leaderboards/cards?userId=u5").path("rankings")).isEmpty(); // a candidate, not a participant
      assertThat(f.get("/leaderboards/cards?userId=ghost").path("rankings")).isEmpty();
      TestServer.Response bad = f.server.app("GET", "/leaderboards/cards?offset=-1", null);
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.error()).contains("offset");
      assertThat(f.server.app("GET", "/leaderboards/cards?limit=x", null).error()).contains("limit");
      assertThat(f.server.app("GET", "/leaderboards/nope", null).error()).isEqualTo("Leaderboard not found");
    }
  }

  @Test
  void lb13_lb14_lb30_breakdown_groups_rank_separately_and_values_move_with_the_user() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String plan = f.userAttribute("plan");
      f.userAttribute("city");
      f.leaderboard("name", "By plan", "key", "by-plan", "rankBy", "metric", "metricId", metricId,
          "breakdownAttributes", List.of(plan), "start", "2025-01-01", "status", "active");
      f.leaderboard("name", "All", "key", "all", "rankBy", "metric", "metricId", metricId, "start", "2025-01-01", "status", "active");
      JsonNode pro = f.event("cards", "p1", 5, "attributes", Map.of("plan", "pro")).path("leaderboards").path("by-plan");
      assertThat(pro.path("breakdownAttributes").toString()).isEqualTo("[\"plan\"]");
      assertThat(pro.path("breakdownAttribute").asText()).isEqualTo("plan");
      assertThat(pro.path("breakdownAttributeValues").toString()).isEqualTo("[{\"key\":\"plan\",\"value\":\"pro\"}]");
      assertThat(pro.path("breakdownAttributeValue").asText()).isEqualTo("pro");
      f.event("cards", "p2", 3, "attributes", Map.of("plan", "pro"));
      f.event("cards", "f1", 4, "attributes", Map.of("plan", "free"));
      JsonNode none = f.event("cards", "n1", 9).path("leaderboards").path("by-plan"); // LB-13: no value, no group
      assertThat(none.path("rank").isNull()).isTrue();
      assertThat(none.path("breakdownAttributeValues")).isEmpty();

      assertThat(ids(f.get("/leaderboards/by-plan?userAttributes=plan:pro").path("rankings"))).containsExactly("p1:1:5", "p2:2:3");
      assertThat(ids(f.get("/leaderboards/by-plan?userAttributes=plan:free").path("rankings"))).containsExactly("f1:1:4");
      assertThat(f.get("/leaderboards/by-plan?userAttributes=plan:team").path("rankings")).isEmpty();
      assertThat(f.server.app("GET", "/leaderboards/by-plan", null).error())
          .isEqualTo("userAttributes is required for leaderboards with breakdown attributes");
      assertThat(f.server.app("GET", "/leaderboards/all?userAttributes=plan:pro", null).error())
          .isEqualTo("userAttributes applies only to leaderboards with breakdown attributes");
      assertThat(f.server.app("GET", "/leaderboards/by-plan?userAttributes=plan:pro,city:paris", null).status()).isEqualTo(422);
      assertThat(f.server.app("GET", "/leaderboards/by-plan?userAttributes=tier:pro", null).error())
          .startsWith("Invalid attribute keys: tier");
      assertThat(f.server.app("GET", "/leaderboards/by-plan?userAttributes=plan", null).status()).isEqualTo(422);

      // LB-14: p1 switches plan; their value moves to the free group
      TestServer.Response patch = f.server.app("PATCH", "/users/p1", LeaderboardFixture.json(Map.of("attributes", Map.of("plan", "free"))));
      assertThat(patch.status()).isEqualTo(200);
      assertThat(ids(f.get("/leaderboards/by-plan?userAttributes=plan:pro").path("rankings"))).containsExactly("p2:1:3");
      assertThat(ids(f.get("/leaderboards/by-plan?userAttributes=plan:free").path("rankings"))).containsExactly("p1:1:5", "f1:2:4");
      assertThat(f.get("/users/p1/leaderboards/by-plan").path("rank").asInt()).isEqualTo(1);
      // ATTR-5: an attribute a breakdown uses cannot be deleted
      JsonNode refused = f.server.admin("DELETE", "/attributes?ids=" + plan, null).body();
      assertThat(refused.path("deleted")).isEmpty();
      assertThat(refused.path("issues").get(0).path("message").asText()).isEqualTo("Attribute is in use by leaderboard by-plan");
    }
  }

  @Test
  void con14_lb19_rankings_rebuilt_at_start_equal_the_live_ones() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String plan = f.userAttribute("plan");
      JsonNode daily = f.leaderboard("name", "Daily", "key", "daily", "rankBy", "metric", "metricId", metricId,
          "breakdownAttributes", List.of(plan), "runUnit", "day", "runInterval", 1, "start", "2025-01-01", "status", "active");
      for (int i = 0; i < 40; i++) {
        f.at("2025-01-15T10:" + String.format("%02d", i) + ":00Z");
        f.event("cards", "u" + (i % 13), (i * 7) % 11 - 3, "attributes", Map.of("plan", i % 3 == 0 ? "pro" : "free"),
            "tz", i % 2 == 0 ? "Asia/Tokyo" : "UTC");
      }
      Rankings live = f.server.laurel.leaderboards().rankings();
      List<String> before = dump(live, daily.path("id").asText());
      String pro = f.get("/leaderboards/daily?userAttributes=plan:pro").path("rankings").toString();
      assertThat(before).isNotEmpty();
      f.server.restart();
      assertThat(dump(f.server.laurel.leaderboards().rankings(), daily.path("id").asText())).isEqualTo(before);
      assertThat(f.get("/leaderboards/daily?userAttributes=plan:pro").path("rankings").toString()).isEqualTo(pro);
    }
  }

  private static List<String> dump(Rankings rankings, String leaderboardId) {
    List<String> out = new ArrayList<>();
    rankings.boards(leaderboardId).stream()
        .sorted(java.util.Comparator.comparing((Rankings.Board b) -> b.run()).thenComparing(Rankings.Board::group))
        .forEach(board -> {
          for (RankEntry e : rankings.range(board, 0, Integer.MAX_VALUE)) {
            out.add(board.run() + "/" + board.group() + " " + e);
          }
        });
    return out;
  }

  static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }
}
