package dev.laurel.server;

import static dev.laurel.server.StreakFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaks through events and reads (EVENT-4..6, STREAK-6..18, FREEZE-5, IDEM-4), with a
 * hand-moved clock. Users have no tz, so local dates are UTC dates (TIME-2).
 */
class StreakEventTest {
  static StreakFixture f;

  @BeforeAll
  static void start() {
    f = new StreakFixture("2025-03-03T10:00:00Z");
    assertThat(f.config(StreakFixture.DAILY_WITH_FREEZES).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void streak6_streak16_an_event_extends_the_streak_once_per_period() {
    // Monday 2025-03-03 10:00 UTC: the first lesson starts the streak.
    assertThat(f.lessonAt("ext", "2025-03-03T10:00:00Z"))
        .isEqualTo(
            json(
                """
                {"length": 1, "frequency": "daily", "started": "2025-03-03",
                 "periodStart": "2025-03-03", "periodEnd": "2025-03-03", "expires": "2025-03-04",
                 "freezes": 1, "maxFreezes": 2, "extended": true}
                """));
    // Same day, 10:30: the period is already extended (STREAK-6).
    JsonNode again = f.lessonAt("ext", "2025-03-03T10:30:00Z");
    assertThat(again.path("length").asInt()).isEqualTo(1);
    assertThat(again.path("extended").asBoolean()).isFalse();
    // An event on a metric that is not configured changes nothing.
    assertThat(f.event("ext", "quizzes", 5).body().path("currentStreak").path("extended").asBoolean())
        .isFalse();
    // Tuesday 09:00: the next period extends it to 2.
    JsonNode tuesday = f.lessonAt("ext", "2025-03-04T09:00:00Z");
    assertThat(tuesday.path("length").asInt()).isEqualTo(2);
    assertThat(tuesday.path("extended").asBoolean()).isTrue();
    assertThat(tuesday.path("started").asText()).isEqualTo("2025-03-03");
    assertThat(tuesday.path("expires").asText()).isEqualTo("2025-03-05");
  }

  @Test
  void streak8_streak9_freeze5_a_lapsed_streak_reads_as_consumed_then_lost_without_any_write() {
    f.lessonAt("lapse", "2025-03-03T10:00:00Z");
    f.lessonAt("lapse", "2025-03-04T10:00:00Z");
    // Thursday 2025-03-06 12:00: Wednesday was missed and the one freeze covered it.
    f.clock.set("2025-03-06T12:00:00Z");
    JsonNode thursday = f.streak("lapse");
    assertThat(thursday.path("length").asInt()).isEqualTo(2);
    assertThat(thursday.path("freezes").asInt()).isZero();
    assertThat(thursday.path("expires").asText()).isEqualTo("2025-03-06");
    assertThat(thursday.path("extended").asText()).isEqualTo("2025-03-04T10:00:00.000Z");
    assertThat(thursday.path("pauses")).isEmpty();
    JsonNode history = thursday.path("streakHistory");
    assertThat(history).hasSize(7);
    assertThat(history.get(0))
        .isEqualTo(
            json(
                """
                {"periodStart": "2025-02-28", "periodEnd": "2025-02-28", "length": 0,
                 "usedFreeze": false, "usedPause": false}
                """));
    assertThat(history.get(3).path("length").asInt()).isEqualTo(1);
    assertThat(history.get(4).path("length").asInt()).isEqualTo(2);
    assertThat(history.get(5).path("periodStart").asText()).isEqualTo("2025-03-05");
    assertThat(history.get(5).path("usedFreeze").asBoolean()).isTrue();
    assertThat(history.get(6).path("periodStart").asText()).isEqualTo("2025-03-06");
    // Friday 00:00:01: Thursday was missed with no freeze left, so the streak is lost (STREAK-8).
    f.clock.set("2025-03-07T00:00:01Z");
    com.fasterxml.jackson.databind.node.ObjectNode friday =
        (com.fasterxml.jackson.databind.node.ObjectNode) f.streak("lapse");
    assertThat(friday.remove("streakHistory")).hasSize(7);
    assertThat(friday)
        .isEqualTo(
            json(
                """
                {"length": 0, "frequency": "daily", "started": null,
                 "periodStart": "2025-03-07", "periodEnd": "2025-03-07", "expires": null,
                 "freezes": 0, "maxFreezes": 2, "extended": null, "pauses": []}
                """));
    assertThat(f.server.app("GET", "/users/lapse/streak?historyPeriods=3", null).body().path("streakHistory"))
        .isEqualTo(
            json(
                """
                [{"periodStart": "2025-03-05", "periodEnd": "2025-03-05", "length": 2,
                  "usedFreeze": true, "usedPause": false},
                 {"periodStart": "2025-03-06", "periodEnd": "2025-03-06", "length": 0,
                  "usedFreeze": false, "usedPause": false},
                 {"periodStart": "2025-03-07", "periodEnd": "2025-03-07", "length": 0,
                  "usedFreeze": false, "usedPause": false}]
                """));
  }

  @Test
  void event6_streak20_a_user_with_streaks_off_gets_the_disabled_shape() {
    f.clock.set("2025-03-03T10:00:00Z");
    assertThat(f.server.app("PUT", "/users/off", "{}").status()).isEqualTo(200);
    var prefs = f.server.app("PATCH", "/users/off/preferences", "{\"streak\": {\"enabled\": false}}");
    assertThat(prefs.status()).isEqualTo(200);
    assertThat(f.lessonAt("off", "2025-03-03T11:00:00Z"))
        .isEqualTo(
            json(
                """
                {"length": 0, "frequency": "daily", "started": null, "periodStart": null,
                 "periodEnd": null, "expires": null, "extended": false}
                """));
    JsonNode read = f.streak("off");
    assertThat(read.path("length").asInt()).isZero();
    assertThat(read.has("freezes")).isFalse();
    assertThat(read.path("periodStart").isNull()).isTrue();
  }

  @Test
  void idem4_a_replay_reports_the_streak_as_of_now_with_extended_false() {
    f.clock.set("2025-03-10T10:00:00Z");
    var first = f.event("replay", "lessons", 1, "Idempotency-Key", "k1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("currentStreak").path("extended").asBoolean()).isTrue();
    var replay = f.event("replay", "lessons", 1, "Idempotency-Key", "k1");
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.body().path("currentStreak").path("length").asInt()).isEqualTo(1);
    assertThat(replay.body().path("currentStreak").path("extended").asBoolean()).isFalse();
    // Thursday 2025-03-13: Tuesday was frozen, Wednesday lost the streak.
    f.clock.set("2025-03-13T10:00:00Z");
    var late = f.event("replay", "lessons", 1, "Idempotency-Key", "k1");
    assertThat(late.status()).isEqualTo(202);
    assertThat(late.body().path("currentStreak").path("length").asInt()).isZero();
    assertThat(late.body().path("currentStreak").path("freezes").asInt()).isZero();
    assertThat(late.body().path("currentStreak").path("extended").asBoolean()).isFalse();
  }

  @Test
  void streak15_unknown_users_are_404_and_history_periods_must_be_1_to_365() {
    var unknown = f.server.app("GET", "/users/nobody/streak", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("User not found");
    f.lessonAt("hist", "2025-03-03T10:00:00Z");
    for (String bad : new String[] {"0", "366", "x", "1.5"}) {
      var r = f.server.app("GET", "/users/hist/streak?historyPeriods=" + bad, null);
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.error()).isEqualTo("historyPeriods must be an integer between 1 and 365");
    }
    assertThat(f.server.app("GET", "/users/hist/streak?historyPeriods=365", null).body().path("streakHistory"))
        .hasSize(365);
  }

  @Test
  void streak18_auth7_bulk_streaks_are_sorted_and_omit_unknown_users() {
    f.lessonAt("b1", "2025-03-03T10:00:00Z");
    f.lessonAt("b2", "2025-03-04T08:00:00Z");
    f.lessonAt("b3", "2025-03-04T09:00:00Z");
    f.lessonAt("b1", "2025-03-04T10:00:00Z");
    assertThat(f.server.app("PUT", "/users/b4", "{}").status()).isEqualTo(200);
    var r = f.server.app("GET", "/streaks?userIds=b3,b1&userIds=b4&userIds=zzz&userIds=b2&userIds=b1", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            json(
                """
                [{"userId": "b1", "streakLength": 2, "extended": "2025-03-04T10:00:00.000Z"},
                 {"userId": "b2", "streakLength": 1, "extended": "2025-03-04T08:00:00.000Z"},
                 {"userId": "b3", "streakLength": 1, "extended": "2025-03-04T09:00:00.000Z"},
                 {"userId": "b4", "streakLength": 0, "extended": null}]
                """));
    var none = f.server.app("GET", "/streaks", null);
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.error()).isEqualTo("userIds must list between 1 and 100 user ids");
    String many = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i).toList());
    assertThat(f.server.app("GET", "/streaks?userIds=" + many, null).status()).isEqualTo(422);
    var keys = f.server.admin("POST", "/application-api-keys", "[{\"userId\": \"b1\"}]");
    String appKey = keys.body().path("created").get(0).path("key").asText();
    assertThat(f.server.call("GET", "/v1/streaks?userIds=b1", appKey, null).status()).isEqualTo(200);
    var other = f.server.call("GET", "/v1/streaks?userIds=b1,b2", appKey, null);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo("This API key is not authorised for user b2");
    assertThat(f.server.call("GET", "/v1/users/b2/streak", appKey, null).status()).isEqualTo(403);
  }
}
