package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin leaderboards API (LB-35..LB-40, ADM-2..ADM-8) and its effects on the application API. */
class LeaderboardAdminTest {

  @Test
  void lb35_lb36_lb40_create_list_get_with_the_contract_shape() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String plan = f.userAttribute("plan");
      TestServer.Response r =
          f.server.admin("POST", "/leaderboards", LeaderboardFixture.json(List.of(
              LeaderboardFixture.map("name", "Weekly", "key", "weekly", "rankBy", "metric", "metricId", metricId,
                  "runUnit", "day", "runInterval", 7, "breakdownAttributes", List.of(plan), "startTime", "09:00",
                  "maxParticipants", null),
              LeaderboardFixture.map("name", "Streaks", "key", "streaks", "rankBy", "streak", "runUnit", "day", "runInterval", 1),
              LeaderboardFixture.map("name", "Dup", "key", "weekly", "rankBy", "streak"),
              LeaderboardFixture.map("name", "Big", "key", "big", "rankBy", "streak", "maxParticipants", 2_000_000))));
      assertThat(r.status()).isEqualTo(201);
      JsonNode weekly = r.body().path("created").get(0);
      assertThat(weekly.toString())
          .isEqualTo("{\"id\":\"" + weekly.path("id").asText() + "\",\"name\":\"Weekly\",\"key\":\"weekly\",\"status\":\"inactive\","
              + "\"rankBy\":\"metric\",\"metricId\":\"" + metricId + "\",\"maxParticipants\":1000,\"start\":\"2025-01-15\","
              + "\"startTime\":\"09:00\",\"breakdownAttributes\":[\"" + plan + "\"],\"runUnit\":\"day\",\"runInterval\":7}");
      assertThat(r.body().path("created").get(1).path("maxParticipants").asInt()).isEqualTo(2_000_000); // CFG-12
      assertThat(r.body().path("issues").toString())
          .isEqualTo("[{\"index\":1,\"severity\":\"error\",\"message\":\"Streak leaderboards cannot repeat\"},"
              + "{\"index\":2,\"severity\":\"error\",\"message\":\"Key already in use by another leaderboard\"}]");
      assertThat(f.server.admin("GET", "/leaderboards", null).body()).hasSize(2);
      assertThat(f.server.admin("GET", "/leaderboards?limit=1&skip=1", null).body().get(0).path("key").asText()).isEqualTo("big");
      assertThat(f.server.admin("GET", "/leaderboards/" + weekly.path("id").asText(), null).body()).isEqualTo(weekly);
      TestServer.Response missing = f.server.admin("GET", "/leaderboards/00000000-0000-4000-8000-000000000000", null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.error()).isEqualTo("Leaderboard not found");
      // LB-20: inactive leaderboards are invisible to the application API
      assertThat(f.server.app("GET", "/leaderboards/weekly", null).status()).isEqualTo(404);
      assertThat(f.get("/leaderboards")).isEmpty();
      TestServer.Response none = f.server.admin("POST", "/leaderboards", "[{\"name\":\"x\",\"key\":\"x\"}]");
      assertThat(none.status()).isEqualTo(200);
      assertThat(none.body().path("issues").get(0).path("message").asText()).isEqualTo("rankBy must be one of metric, streak, points");
      assertThat(f.server.admin("POST", "/leaderboards", "[]").status()).isEqualTo(422);
    }
  }

  @Test
  void lb37_lb5_activation_locks_and_finishing() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String id = f.leaderboard("name", "Cards", "key", "cards", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-01").path("id").asText();
      JsonNode early = patch(f, Map.of("id", id, "status", "scheduled"));
      assertThat(early.path("issues").get(0).path("message").asText())
          .isEqualTo("Only leaderboards with a future start date can be scheduled");
      JsonNode active = patch(f, Map.of("id", id, "status", "active"));
      assertThat(active.path("updated").get(0).path("status").asText()).isEqualTo("active");
      assertThat(patch(f, Map.of("id", id, "key", "renamed")).path("issues").get(0).path("message").asText())
          .isEqualTo("key is locked once the leaderboard has been activated");
      assertThat(patch(f, Map.of("id", id, "name", "Cards!", "maxParticipants", 5)).path("updated").get(0).path("maxParticipants").asInt())
          .isEqualTo(5);
      assertThat(patch(f, Map.of("id", "00000000-0000-4000-8000-000000000000", "name", "x")).path("issues").get(0).path("message").asText())
          .isEqualTo("Leaderboard not found by ID");
      assertThat(patch(f, Map.of("name", "no id")).path("issues").get(0).path("message").asText()).isEqualTo("id is required");

      f.event("cards", "u1", 3);
      // METRIC-5: the metric of a leaderboard that is not finished cannot be deleted
      JsonNode refused = f.server.admin("DELETE", "/metrics?ids=" + metricId, null).body();
      assertThat(refused.path("issues").get(0).path("message").asText()).isEqualTo("Metric is in use by leaderboard cards");

      // LB-5: finishing by request ends it today and finalises the run at once
      JsonNode finished = patch(f, Map.of("id", id, "status", "finished")).path("updated").get(0);
      assertThat(finished.path("status").asText()).isEqualTo("finished");
      assertThat(finished.path("end").asText()).isEqualTo("2025-01-15");
      assertThat(f.get("/leaderboards")).isEmpty(); // LB-21: only with includeFinished
      assertThat(f.get("/leaderboards?includeFinished=true").findValuesAsText("key")).containsExactly("cards");
      JsonNode last = f.get("/leaderboards/cards"); // LB-24: the last run of a finished leaderboard
      assertThat(last.path("status").asText()).isEqualTo("finished");
      assertThat(last.path("rankings").get(0).path("userId").asText()).isEqualTo("u1");
      assertThat(f.event("cards", "u1", 3).path("leaderboards")).isEmpty(); // EVENT-7
      assertThat(f.get("/leaderboards/cards").path("rankings").get(0).path("value").asInt()).isEqualTo(3);
      assertThat(f.server.admin("DELETE", "/metrics?ids=" + metricId, null).body().path("deleted")).hasSize(1);
      assertThat(patch(f, Map.of("id", id, "status", "active")).path("issues").get(0).path("message").asText())
          .isEqualTo("A finished leaderboard can only be reactivated with an end date of today or later");
    }
  }

  @Test
  void lb39_deleting_removes_the_leaderboard_everywhere_and_frees_its_key() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String id = f.leaderboard("name", "Cards", "key", "cards", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-01", "status", "active").path("id").asText();
      f.event("cards", "u1", 3);
      JsonNode deleted = f.server.admin("DELETE", "/leaderboards?ids=" + id + ",not-a-uuid,00000000-0000-4000-8000-000000000000", null).body();
      assertThat(deleted.path("deleted").toString()).isEqualTo("[{\"id\":\"" + id + "\"}]");
      assertThat(deleted.path("issues")).extracting(i -> i.path("message").asText())
          .containsExactly("id must be a valid UUID", "Leaderboard not found by ID");
      assertThat(f.server.app("GET", "/leaderboards/cards", null).status()).isEqualTo(404);
      assertThat(f.server.app("GET", "/users/u1/leaderboards/cards", null).status()).isEqualTo(404);
      assertThat(f.event("cards", "u1", 3).path("leaderboards")).isEmpty();
      f.leaderboard("name", "Cards again", "key", "cards", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-01", "status", "active");
      assertThat(f.get("/leaderboards/cards").path("rankings")).isEmpty(); // nothing carried over
    }
  }

  @Test
  void lb2_a_moved_start_drops_the_early_entries_for_good_even_from_kept_states() {
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z");
        dev.laurel.store.Database store = f.server.openStore()) {
      String metricId = f.metric("cards", "Cards");
      String id = f.leaderboard("name", "Cards", "key", "cards", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-16", "status", "scheduled", "runUnit", "day", "runInterval", 1).path("id").asText();
      // 23:00 UTC: still scheduled, but already the 16th where u1 and u2 live (UTC+14)
      f.at("2025-01-15T23:00:00Z");
      f.event("cards", "u1", 3, "tz", "Pacific/Kiritimati"); // the run of the 16th, held in u1's state
      f.event("cards", "u2", 4, "tz", "Pacific/Kiritimati");
      assertThat(storedEntries(store, id)).containsExactlyInAnyOrder("u1 2025-01-16 3", "u2 2025-01-16 4");
      assertThat(patch(f, Map.of("id", id, "start", "2025-01-20")).path("updated")).hasSize(1);
      assertThat(storedEntries(store, id)).isEmpty();
      f.at("2025-01-20T05:00:00Z");
      f.event("cards", "u1", 2, "tz", "Pacific/Kiritimati"); // a state kept from before would still hold the 16th
      assertThat(storedEntries(store, id)).containsExactly("u1 2025-01-20 2");
      f.server.restart(); // the rankings rebuilt from the store hold only the new start's run
      assertThat(f.get("/leaderboards/cards").path("rankings")).extracting(r -> r.path("userId").asText())
          .containsExactly("u1");
    }
  }

  /** Every stored entry of a leaderboard, rows and users' documents, as "user run value". */
  private static List<String> storedEntries(dev.laurel.store.Database store, String leaderboardId) {
    List<String> out = new java.util.ArrayList<>();
    new dev.laurel.store.RankingRepository(store).openEntries(
        List.of(leaderboardId), e -> out.add(e.userId() + " " + e.run() + " " + e.value().toPlainString()));
    store.read(c -> {
      try (var ps = c.prepareStatement("SELECT user_id, run_start FROM leaderboard_entries WHERE leaderboard_id = ?")) {
        ps.setString(1, leaderboardId);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add("row " + rs.getString(1) + " " + rs.getString(2));
          }
        }
      }
      return null;
    });
    return out;
  }

  private static JsonNode patch(LeaderboardFixture f, Map<String, Object> item) {
    TestServer.Response r = f.server.admin("PATCH", "/leaderboards", LeaderboardFixture.json(List.of(item)));
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }
}
