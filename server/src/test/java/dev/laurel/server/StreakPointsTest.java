package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaks, achievements and points together: a streak trigger fires in the event whose extension
 * makes the streak length a multiple of its own (TRIG-8), after the metric triggers and before the
 * achievement triggers of the streak achievement the same extension completed (EVENT-4 step 6,
 * PTS-5); every path that creates a user gives it control, the initial freezes and the
 * user-creation awards (USER-4). Daily streak, one lesson a day, one initial freeze; users have no
 * tz, so local dates are UTC dates.
 */
class StreakPointsTest {
  StreakFixture f;

  @BeforeEach
  void start() {
    // Monday 2025-03-03 08:00 UTC.
    f = new StreakFixture("2025-03-03T08:00:00Z");
    assertThat(f.config(StreakFixture.DAILY_WITH_FREEZES).status()).isEqualTo(200);
    String twoDays =
        create(f.server, "{\"key\":\"two-days\",\"name\":\"Two days\",\"trigger\":\"streak\",\"streakLength\":2,\"status\":\"active\"}");
    create(f.server, "{\"key\":\"welcome\",\"name\":\"Welcome\",\"trigger\":\"api\",\"status\":\"active\"}");
    TestServer.Response system =
        f.server.admin(
            "POST",
            "/points",
            """
            [{"name": "XP", "key": "xp",
              "triggers": [{"type": "achievement", "achievementId": "%s", "points": 7, "status": "active"},
                           {"type": "streak", "streakLength": 2, "points": 50, "status": "active"},
                           {"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": 1, "status": "active"},
                           {"type": "user_creation", "points": 100, "status": "active"}]}]
            """
                .formatted(twoDays, f.metricId("lessons")));
    assertThat(system.status()).as("points: %s", system.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private JsonNode lesson(String user, String at) {
    f.clock.set(at);
    TestServer.Response r = f.event(user, "lessons", 1);
    assertThat(r.status()).as("event: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  private static java.util.List<String> awardTypes(JsonNode response) {
    java.util.List<String> types = new java.util.ArrayList<>();
    response.path("points").path("xp").path("awards").forEach(a -> types.add(a.path("trigger").path("type").asText()));
    return types;
  }

  @Test
  void trig8_event4_a_streak_trigger_fires_in_the_event_that_extends_the_streak() {
    // Monday 10:00: the event creates the user (USER-4 awards first) and starts the streak at 1.
    JsonNode monday = lesson("s1", "2025-03-03T10:00:00Z");
    assertThat(monday.path("currentStreak").path("length").asInt()).isEqualTo(1);
    assertThat(monday.path("currentStreak").path("freezes").asInt()).isEqualTo(1);
    assertThat(awardTypes(monday)).containsExactly("user_creation", "metric");
    // Tuesday 10:00: extended to 2: the metric award, the streak award, then two-days' award.
    JsonNode tuesday = lesson("s1", "2025-03-04T10:00:00Z");
    assertThat(tuesday.path("currentStreak").path("extended").asBoolean()).isTrue();
    assertThat(tuesday.path("currentStreak").path("length").asInt()).isEqualTo(2);
    assertThat(tuesday.path("achievements").get(0).path("key").asText()).isEqualTo("two-days");
    assertThat(awardTypes(tuesday)).containsExactly("metric", "streak", "achievement");
    assertThat(tuesday.path("points").path("xp").path("total").asInt()).isEqualTo(100 + 1 + 1 + 50 + 7);
    // Tuesday 11:00: not extended again: no streak award.
    assertThat(awardTypes(lesson("s1", "2025-03-04T11:00:00Z"))).containsExactly("metric");
  }

  @Test
  void user4_users_created_outside_events_get_their_initial_freezes_and_user_creation_awards() {
    assertThat(f.server.app("PUT", "/users/put", "{\"name\":\"P\"}").status()).isEqualTo(200);
    assertThat(f.server.app("POST", "/users", "{\"id\":\"posted\"}").status()).isEqualTo(201);
    TestServer.Response completed =
        f.server.app("POST", "/achievements/welcome/complete", "{\"user\":{\"id\":\"completer\"}}");
    assertThat(completed.status()).isEqualTo(201);
    assertThat(completed.body().path("points").path("xp").path("total").asInt()).isEqualTo(100);
    for (String user : java.util.List.of("put", "posted", "completer")) {
      assertThat(f.streak(user).path("freezes").asInt()).as(user).isEqualTo(1);
      JsonNode xp = f.server.app("GET", "/users/" + user + "/points/xp", null).body();
      assertThat(xp.path("total").asInt()).as(user).isEqualTo(100);
      assertThat(xp.path("awards")).as(user).hasSize(1);
    }
    // USER-4 happens once: identifying again awards nothing more.
    f.server.app("PUT", "/users/put", "{\"name\":\"Again\"}");
    assertThat(f.server.app("GET", "/users/put/points/xp", null).body().path("total").asInt()).isEqualTo(100);
  }
}
