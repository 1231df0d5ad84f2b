package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds' daily leaderboard guide end to end over HTTP, with a hand-moved clock: event
 * responses with rank and previousRank (LB-31, LB-32), the rankings (LB-23), daily runs closing and
 * being archived (LB-2, LB-7, LB-28) and the user's rank history (LB-33, LB-34).
 */
class LeaderboardDailyTest {

  @Test
  void seeds_daily_champions_from_events_to_history() {
    // 2025-01-15 09:00 UTC (09:00 in Europe/London)
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T09:00:00Z")) {
      String metricId = f.metric("flashcards-flipped", "Flashcards Flipped");
      JsonNode created =
          f.leaderboard("name", "Daily Champions", "key", "daily_champions", "rankBy", "metric", "metricId", metricId,
              "runUnit", "day", "runInterval", 1, "maxParticipants", 100, "start", "2025-01-01", "status", "active");
      assertThat(created.path("status").asText()).isEqualTo("active");

      JsonNode first = f.event("flashcards-flipped", "18", 750, "email", "user@example.com", "tz", "Europe/London");
      JsonNode entry = first.path("leaderboards").path("daily_champions");
      assertThat(entry.path("id").asText()).isEqualTo(created.path("id").asText());
      assertThat(entry.path("name").asText()).isEqualTo("Daily Champions");
      assertThat(entry.path("description").isNull()).isTrue();
      assertThat(entry.path("rankBy").asText()).isEqualTo("metric");
      assertThat(entry.path("metricKey").asText()).isEqualTo("flashcards-flipped");
      assertThat(entry.path("metricName").asText()).isEqualTo("Flashcards Flipped");
      assertThat(entry.has("pointsSystemKey")).isFalse();
      assertThat(entry.path("runUnit").asText()).isEqualTo("day");
      assertThat(entry.path("runInterval").asInt()).isEqualTo(1);
      assertThat(entry.path("maxParticipants").asInt()).isEqualTo(100);
      assertThat(entry.path("start").asText()).isEqualTo("2025-01-15"); // LB-31: the run's dates
      assertThat(entry.path("end").asText()).isEqualTo("2025-01-15");
      assertThat(entry.path("rank").asInt()).isEqualTo(1);
      assertThat(entry.path("previousRank").isNull()).isTrue();
      assertThat(entry.path("threshold").asInt()).isZero();
      assertThat(entry.path("breakdownAttributes")).isEmpty();
      assertThat(entry.path("breakdownAttribute").isNull()).isTrue();
      assertThat(entry.has("breakdownAttributeValues")).isFalse();

      f.at("2025-01-15T10:00:00Z");
      assertThat(f.event("flashcards-flipped", "19", 1000, "name", "Bob").path("leaderboards").path("daily_champions").path("rank").asInt())
          .isEqualTo(1);
      f.at("2025-01-15T11:00:00Z");
      JsonNode up = f.event("flashcards-flipped", "18", 300).path("leaderboards").path("daily_champions");
      assertThat(up.path("previousRank").asInt()).isEqualTo(2); // the guide's "moved up" toast
      assertThat(up.path("rank").asInt()).isEqualTo(1);
      assertThat(f.event("flashcards-flipped", "18", 0).path("leaderboards")).isEmpty(); // LB-31: value unchanged

      JsonNode board = f.get("/leaderboards/daily_champions");
      assertThat(board.path("status").asText()).isEqualTo("active");
      assertThat(board.path("start").asText()).isEqualTo("2025-01-01"); // LB-22: configured dates
      assertThat(board.path("rankings").toString())
          .isEqualTo("[{\"userId\":\"18\",\"userName\":null,\"rank\":1,\"value\":1050},"
              + "{\"userId\":\"19\",\"userName\":\"Bob\",\"rank\":2,\"value\":1000}]");

      // 2025-01-16 00:30 UTC: the 15th has ended in London; the sweep snapshots it (LB-34)
      f.at("2025-01-16T00:30:00Z");
      f.sweep();
      JsonNode fresh = f.event("flashcards-flipped", "19", 5).path("leaderboards").path("daily_champions");
      assertThat(fresh.path("start").asText()).isEqualTo("2025-01-16"); // LB-2: a new run starts empty
      assertThat(fresh.path("rank").asInt()).isEqualTo(1);
      assertThat(fresh.path("previousRank").isNull()).isTrue();
      assertThat(f.get("/leaderboards/daily_champions").path("rankings")).hasSize(1);
      JsonNode past = f.get("/leaderboards/daily_champions?run=2025-01-15");
      assertThat(past.path("rankings")).extracting(r -> r.path("userId").asText()).containsExactly("18", "19");

      JsonNode mine = f.get("/users/18/leaderboards/daily_champions?run=2025-01-15");
      assertThat(mine.path("rank").asInt()).isEqualTo(1);
      assertThat(mine.path("value").asInt()).isEqualTo(1050);
      assertThat(mine.path("history").toString())
          .isEqualTo("[{\"date\":\"2025-01-15\",\"timestamp\":\"2025-01-15T00:00:00.000Z\",\"previousRank\":null,"
              + "\"rank\":1,\"previousValue\":null,\"value\":1050}]");
      JsonNode today = f.get("/users/18/leaderboards/daily_champions");
      assertThat(today.path("rank").isNull()).isTrue(); // no contribution to the 16th yet
      assertThat(today.path("value").isNull()).isTrue();
      assertThat(today.path("history")).isEmpty();

      // 2025-01-16 12:00 UTC: the 15th is final in every zone; it is archived (LB-7) and still readable
      f.at("2025-01-16T12:00:00Z");
      f.sweep();
      assertThat(f.get("/leaderboards/daily_champions?run=2025-01-15").path("rankings").toString())
          .isEqualTo(past.path("rankings").toString());
      assertThat(f.get("/leaderboards/daily_champions?run=2025-01-15&userId=19&offset=0&limit=1").path("rankings").get(0).path("rank").asInt())
          .isEqualTo(2);
      assertThat(f.get("/users/18/leaderboards/daily_champions?run=2025-01-15").path("rank").asInt()).isEqualTo(1);
      // LB-28: runs outside the dates, or not begun in any zone (UTC+14 is on the 17th now)
      assertThat(f.get("/leaderboards/daily_champions?run=2025-01-17").path("rankings")).isEmpty();
      TestServer.Response future = f.server.app("GET", "/leaderboards/daily_champions?run=2025-01-18", null);
      assertThat(future.status()).isEqualTo(404);
      assertThat(future.error()).isEqualTo("Leaderboard run not found");
      assertThat(f.server.app("GET", "/leaderboards/daily_champions?run=2024-12-31", null).status()).isEqualTo(404);
      assertThat(f.server.app("GET", "/leaderboards/daily_champions?run=15-01-2025", null).status()).isEqualTo(422);
    }
  }

  @Test
  void lb34_history_records_the_users_own_moves_and_being_overtaken() {
    // 2025-01-13 (a Monday) 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-13T10:00:00Z")) {
      weeklyWords(f);
      f.event("words", "alice", 1000);
      f.at("2025-01-14T00:05:00Z");
      f.sweep();
      f.at("2025-01-14T10:00:00Z");
      f.event("words", "bob", 3000);
      f.at("2025-01-14T11:00:00Z");
      f.event("words", "alice", 2000); // ties bob at 3000 but reached it later (LB-10)
      f.at("2025-01-15T00:05:00Z");
      f.sweep();
      f.at("2025-01-15T09:00:00Z");
      f.event("words", "alice", 1500);

      JsonNode alice = f.get("/users/alice/leaderboards/weekly-words");
      assertThat(alice.path("rank").asInt()).isEqualTo(1);
      assertThat(alice.path("value").asInt()).isEqualTo(4500);
      assertThat(alice.path("start").asText()).isEqualTo("2025-01-13");
      assertThat(alice.path("history")).extracting(h -> h.path("date").asText() + " " + h.path("previousRank") + "→"
              + h.path("rank") + " " + h.path("previousValue") + "→" + h.path("value"))
          .containsExactly("2025-01-13 null→1 null→1000", "2025-01-14 1→2 1000→3000", "2025-01-15 2→1 3000→4500");
      JsonNode bob = f.get("/users/bob/leaderboards/weekly-words?numEvents=1");
      assertThat(bob.path("history")).extracting(h -> h.path("date").asText() + " " + h.path("previousRank") + "→" + h.path("rank"))
          .containsExactly("2025-01-15 1→2"); // overtaken today: provisional snapshot
      assertThat(f.get("/users/bob/leaderboards/weekly-words?numEvents=0").path("history")).isEmpty();
      assertThat(f.server.app("GET", "/users/bob/leaderboards/weekly-words?numEvents=101", null).status()).isEqualTo(422);
      assertThat(f.server.app("GET", "/users/nobody/leaderboards/weekly-words", null).error()).isEqualTo("User not found");
      assertThat(f.server.app("GET", "/users/bob/leaderboards/nope", null).error()).isEqualTo("Leaderboard not found");

      // the next weekly run starts on Monday 2025-01-20 (LB-3) and starts empty
      f.at("2025-01-20T08:00:00Z");
      JsonNode next = f.event("words", "bob", 10).path("leaderboards").path("weekly-words");
      assertThat(next.path("start").asText()).isEqualTo("2025-01-20");
      assertThat(next.path("end").asText()).isEqualTo("2025-01-26");
      assertThat(f.get("/leaderboards/weekly-words").path("rankings")).extracting(r -> r.path("userId").asText())
          .containsExactly("bob");
      assertThat(f.get("/leaderboards/weekly-words?run=2025-01-19").path("rankings")).extracting(r -> r.path("userId").asText())
          .containsExactly("alice", "bob");
    }
  }

  /** LB-34 for more participants than one transaction of the sweep writes (issue 8): none is left out. */
  @Test
  void lb34_a_sweep_snapshots_every_participant_across_its_transactions() {
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-13T10:00:00Z")) {
      weeklyWords(f);
      int participants = 2 * 256 + 3; // DailySnapshots writes 256 a transaction
      for (int i = 1; i <= participants; i++) {
        f.event("words", "u" + i, i);
      }
      f.at("2025-01-14T00:05:00Z");
      f.sweep();
      for (int i = 1; i <= participants; i++) {
        assertThat(f.get("/users/u" + i + "/leaderboards/weekly-words").path("history"))
            .extracting(h -> h.path("date").asText() + " " + h.path("rank") + " " + h.path("value"))
            .as("u" + i)
            .containsExactly("2025-01-13 " + (participants + 1 - i) + " " + i);
      }
    }
  }

  /** A weekly leaderboard of the metric "words", from Monday 2025-01-13. */
  private static void weeklyWords(LeaderboardFixture f) {
    String metricId = f.metric("words", "Words");
    f.leaderboard("name", "Weekly words", "key", "weekly-words", "rankBy", "metric", "metricId", metricId,
        "runUnit", "day", "runInterval", 7, "start", "2025-01-13", "status", "active");
  }

  @Test
  void lb2_lb6_users_in_different_zones_contribute_to_their_local_days_run() {
    // 2025-01-15 11:00 UTC: 2025-01-16 01:00 in Pacific/Kiritimati, 03:00 on the 15th in Los Angeles
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T11:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      f.leaderboard("name", "Daily", "key", "daily", "rankBy", "metric", "metricId", metricId,
          "runUnit", "day", "runInterval", 1, "start", "2025-01-01", "status", "active");
      f.leaderboard("name", "Launch", "key", "launch", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-16", "status", "scheduled");
      JsonNode kiri = f.event("cards", "kiri", 5, "tz", "Pacific/Kiritimati").path("leaderboards");
      assertThat(kiri.path("daily").path("start").asText()).isEqualTo("2025-01-16");
      assertThat(kiri.path("launch").path("status").asText()).isEqualTo("scheduled"); // LB-6: counts while scheduled
      assertThat(kiri.path("launch").path("end").isNull()).isTrue();
      JsonNode la = f.event("cards", "la", 7, "tz", "America/Los_Angeles").path("leaderboards");
      assertThat(la.path("daily").path("start").asText()).isEqualTo("2025-01-15");
      assertThat(la.has("launch")).isFalse();
      assertThat(f.get("/leaderboards/daily").path("rankings")).extracting(r -> r.path("userId").asText()).containsExactly("la");
      assertThat(f.get("/leaderboards/daily?run=2025-01-16").path("rankings")).extracting(r -> r.path("userId").asText())
          .containsExactly("kiri");
      assertThat(f.get("/leaderboards/launch").path("rankings")).extracting(r -> r.path("userId").asText()).containsExactly("kiri");
      assertThat(f.get("/leaderboards").findValuesAsText("key")).containsExactly("daily", "launch");
    }
  }

  @Test
  void lb2_monthly_runs_clamp_and_follow_the_original_start() {
    // 2025-02-27 12:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-02-27T12:00:00Z")) {
      String metricId = f.metric("quizzes", "Quizzes");
      f.leaderboard("name", "Monthly", "key", "monthly", "rankBy", "metric", "metricId", metricId,
          "runUnit", "month", "runInterval", 1, "start", "2025-01-31", "status", "active");
      JsonNode feb = f.event("quizzes", "u", 1).path("leaderboards").path("monthly");
      assertThat(List.of(feb.path("start").asText(), feb.path("end").asText())).containsExactly("2025-01-31", "2025-02-27");
      f.at("2025-02-28T12:00:00Z");
      JsonNode mar = f.event("quizzes", "u", 1).path("leaderboards").path("monthly");
      assertThat(List.of(mar.path("start").asText(), mar.path("end").asText())).containsExactly("2025-02-28", "2025-03-30");
      assertThat(mar.path("rank").asInt()).isEqualTo(1);
      assertThat(f.get("/users/u/leaderboards/monthly").path("value").asInt()).isEqualTo(1);
      assertThat(f.get("/users/u/leaderboards/monthly?run=2025-02-01").path("value").asInt()).isEqualTo(1);
    }
  }
}
