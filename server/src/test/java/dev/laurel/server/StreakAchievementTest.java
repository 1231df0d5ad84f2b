package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.awaitUserAchievements;
import static dev.laurel.server.AchievementFixture.create;
import static dev.laurel.server.AchievementFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaks and achievements together (EVENT-4 steps 4 and 5): streak achievements complete in the
 * event whose extension brings the streak to their length (ACH-7, ACH-18), composites of a metric
 * and a streak achievement cascade (ACH-8), restores complete nothing (RESTORE-4), backdating uses
 * the real streak length (ACH-16), and users created by an API completion start their streak like
 * any new user (USER-4). Daily streak, one lesson a day, one initial freeze; users have no tz, so
 * local dates are UTC dates (TIME-2). Every test starts its own server on its own clock.
 */
class StreakAchievementTest {
  StreakFixture f;

  @BeforeEach
  void start() {
    // Monday 2025-03-03 08:00 UTC.
    f = new StreakFixture("2025-03-03T08:00:00Z");
    assertThat(f.config(StreakFixture.DAILY_WITH_FREEZES).status()).isEqualTo(200);
    String two = create(f.server, streak("two-days", 2, "active"));
    String three = create(f.server, streak("three-days", 3, "active"));
    String quizzes =
        create(
            f.server,
            """
            {"key":"ten-quizzes","name":"Ten quizzes","trigger":"metric","metricId":"%s","metricValue":10,
             "status":"active"}"""
                .formatted(f.metricId("quizzes")));
    create(
        f.server,
        """
        {"key":"dedicated","name":"Dedicated","trigger":"achievement","achievementIds":["%s","%s"],
         "status":"active"}"""
            .formatted(three, quizzes));
    assertThat(two).isNotEmpty();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static String streak(String key, int length, String status) {
    return "{\"key\":\"%s\",\"name\":\"%s\",\"trigger\":\"streak\",\"streakLength\":%d,\"status\":\"%s\"}"
        .formatted(key, key, length, status);
  }

  /** One lesson at {@code at}; the whole response. */
  private JsonNode lesson(String user, String at) {
    f.clock.set(at);
    TestServer.Response r = f.event(user, "lessons", 1);
    assertThat(r.status()).as("event: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  private JsonNode quizzes(String user, int value, String at) {
    f.clock.set(at);
    TestServer.Response r = f.event(user, "quizzes", value);
    assertThat(r.status()).as("event: %s", r.body()).isEqualTo(201);
    return r.body();
  }

  @Test
  void ach7_ach18_a_streak_achievement_completes_in_the_event_that_extends_the_streak_to_its_length() {
    // Monday 10:00: length 1.
    JsonNode monday = lesson("s1", "2025-03-03T10:00:00Z");
    assertThat(monday.path("currentStreak").path("length").asInt()).isEqualTo(1);
    assertThat(monday.path("achievements")).isEmpty();
    // Tuesday 10:00: the extension to 2 completes two-days in this response.
    JsonNode tuesday = lesson("s1", "2025-03-04T10:00:00Z");
    assertThat(tuesday.path("currentStreak").path("length").asInt()).isEqualTo(2);
    assertThat(tuesday.path("currentStreak").path("extended").asBoolean()).isTrue();
    assertThat(keys(tuesday.path("achievements"))).containsExactly("two-days");
    assertThat(tuesday.path("achievements").get(0).path("achievedAt").asText())
        .isEqualTo("2025-03-04T10:00:00.000Z");
    // Tuesday 11:00: no extension, nothing new (never a completion reported twice).
    JsonNode again = lesson("s1", "2025-03-04T11:00:00Z");
    assertThat(again.path("currentStreak").path("extended").asBoolean()).isFalse();
    assertThat(again.path("achievements")).isEmpty();
    // Wednesday 09:00: the extension to 3 completes three-days, and only it.
    JsonNode wednesday = lesson("s1", "2025-03-05T09:00:00Z");
    assertThat(wednesday.path("currentStreak").path("length").asInt()).isEqualTo(3);
    assertThat(keys(wednesday.path("achievements"))).containsExactly("three-days");
    // An event on a metric outside the streak's condition completes no streak achievement.
    assertThat(quizzes("s1", 1, "2025-03-05T10:00:00Z").path("achievements")).isEmpty();
    JsonNode held = f.server.app("GET", "/users/s1/achievements", null).body();
    assertThat(keys(held)).containsExactly("two-days", "three-days");
  }

  @Test
  void ach7_ach8_a_composite_of_a_metric_and_a_streak_achievement_completes_with_its_last_prerequisite() {
    // s2 has the metric achievement first; the streak extension to 3 completes the composite too.
    assertThat(keys(quizzes("s2", 10, "2025-03-03T09:00:00Z").path("achievements")))
        .containsExactly("ten-quizzes");
    lesson("s2", "2025-03-03T10:00:00Z");
    assertThat(keys(lesson("s2", "2025-03-04T10:00:00Z").path("achievements"))).containsExactly("two-days");
    JsonNode third = lesson("s2", "2025-03-05T10:00:00Z");
    assertThat(keys(third.path("achievements"))).containsExactly("three-days", "dedicated");
    // s3 has the streak achievement first; the metric achievement completes the composite.
    lesson("s3", "2025-03-05T10:00:00Z");
    lesson("s3", "2025-03-06T10:00:00Z");
    assertThat(keys(lesson("s3", "2025-03-07T10:00:00Z").path("achievements")))
        .containsExactly("three-days");
    assertThat(keys(quizzes("s3", 4, "2025-03-07T11:00:00Z").path("achievements"))).isEmpty();
    assertThat(keys(quizzes("s3", 6, "2025-03-07T12:00:00Z").path("achievements")))
        .containsExactly("ten-quizzes", "dedicated");
  }

  @Test
  void ach7_restore4_a_restored_length_completes_nothing_until_an_extension_reaches_the_length() {
    String plan = AchievementFixture.attribute(f.server, "plan", "user");
    create(
        f.server,
        """
        {"key":"pro-three","name":"Pro three","trigger":"streak","streakLength":3,"status":"active",
         "userAttributes":[{"attributeId":"%s","attributeValue":"pro"}]}"""
            .formatted(plan));
    // Monday to Wednesday: r1 reaches 3 without the plan, so pro-three is not completed.
    lesson("r1", "2025-03-03T10:00:00Z");
    lesson("r1", "2025-03-04T10:00:00Z");
    assertThat(keys(lesson("r1", "2025-03-05T10:00:00Z").path("achievements"))).containsExactly("three-days");
    // Thursday frozen, Friday missed: lost at Saturday 00:00. Saturday 08:00 r1 becomes pro
    // (ACH-10: completes nothing) and the admin restores the 3 days (RESTORE-4: completes nothing).
    f.clock.set("2025-03-08T08:00:00Z");
    assertThat(f.streak("r1").path("length").asInt()).isZero();
    assertThat(f.server.app("PUT", "/users/r1", "{\"attributes\":{\"plan\":\"pro\"}}").status()).isEqualTo(200);
    var restore = f.server.admin("POST", "/streaks/restore", "{\"users\": [{\"id\": \"r1\"}]}");
    assertThat(restore.status()).isEqualTo(201);
    assertThat(f.streak("r1").path("length").asInt()).isEqualTo(3);
    assertThat(keys(f.server.app("GET", "/users/r1/achievements", null).body()))
        .containsExactly("two-days", "three-days");
    // Saturday 10:00: the extension to 4 reaches pro-three's length through an extension.
    JsonNode saturday = lesson("r1", "2025-03-08T10:00:00Z");
    assertThat(saturday.path("currentStreak").path("length").asInt()).isEqualTo(4);
    assertThat(keys(saturday.path("achievements"))).containsExactly("pro-three");
  }

  @Test
  void ach16_backdating_a_streak_achievement_uses_each_users_current_streak_length() throws Exception {
    lesson("long", "2025-03-03T10:00:00Z");
    lesson("long", "2025-03-04T10:00:00Z");
    lesson("long", "2025-03-05T10:00:00Z");
    lesson("long", "2025-03-06T10:00:00Z");
    lesson("short", "2025-03-06T11:00:00Z");
    // Thursday 12:00: long has 4, short has 1. A new active four-day achievement is backdated.
    f.clock.set("2025-03-06T12:00:00Z");
    create(f.server, streak("four-days", 4, "active"));
    JsonNode done = awaitUserAchievements(f.server, "long", a -> keys(a).contains("four-days"));
    assertThat(keys(done)).containsExactly("two-days", "three-days", "four-days");
    assertThat(done.get(2).path("achievedAt").asText()).isEqualTo("2025-03-06T12:00:00.000Z");
    // Saturday to Monday: alive builds 3 days; long's stored 4 lapsed (Friday frozen, Saturday
    // missed), which only settling up to now shows.
    lesson("alive", "2025-03-08T10:00:00Z");
    lesson("alive", "2025-03-09T10:00:00Z");
    lesson("alive", "2025-03-10T10:00:00Z");
    f.clock.set("2025-03-10T12:00:00Z");
    create(f.server, streak("late-three", 3, "active"));
    awaitUserAchievements(f.server, "alive", a -> keys(a).contains("late-three"));
    Thread.sleep(300);
    assertThat(keys(f.server.app("GET", "/users/long/achievements", null).body())).doesNotContain("late-three");
    assertThat(keys(f.server.app("GET", "/users/short/achievements", null).body())).isEmpty();
  }

  @Test
  void user4_a_user_created_by_an_api_completion_starts_with_the_initial_freezes() {
    create(f.server, "{\"key\":\"welcome\",\"name\":\"Welcome\",\"trigger\":\"api\",\"status\":\"active\"}");
    f.clock.set("2025-03-03T10:00:00Z");
    var r = f.server.app("POST", "/achievements/welcome/complete", "{\"user\":{\"id\":\"api-new\"}}");
    assertThat(r.status()).isEqualTo(201);
    JsonNode streak = f.streak("api-new");
    assertThat(streak.path("length").asInt()).isZero();
    assertThat(streak.path("freezes").asInt()).isEqualTo(1);
    assertThat(streak.path("maxFreezes").asInt()).isEqualTo(2);
    // Like a user created by an event or PUT /users: the freeze covers one missed day.
    lesson("api-new", "2025-03-04T10:00:00Z");
    JsonNode thursday = lesson("api-new", "2025-03-06T10:00:00Z").path("currentStreak");
    assertThat(thursday.path("length").asInt()).isEqualTo(2);
    assertThat(thursday.path("freezes").asInt()).isZero();
    assertThat(f.server.app("PUT", "/users/put-new", "{}").status()).isEqualTo(200);
    assertThat(f.streak("put-new").path("freezes").asInt()).isEqualTo(1);
  }
}
