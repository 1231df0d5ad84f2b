package dev.laurel.server;

import static dev.laurel.server.StreakFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * CFG-3 and the effects of configuration changes (STREAK-19..22, FREEZE-4, FREEZE-8, METRIC-5,
 * PREF-4). Each test has its own server, since each changes the scope's configuration.
 */
class StreakConfigTest {

  @Test
  void cfg3_event6_an_unconfigured_scope_is_off_and_put_replaces_the_whole_configuration() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      assertThat(f.server.admin("GET", "/streaks/config", null).body())
          .isEqualTo(
              json(
                  """
                  {"enabled": false, "frequency": "daily", "evaluationMode": "AND", "metrics": [],
                   "personalization": false,
                   "freezes": {"enabled": false, "maxFreezes": 0, "initialFreezes": 0, "autoEarn": null}}
                  """));
      assertThat(f.lessonAt("u", "2025-03-03T10:00:00Z"))
          .isEqualTo(
              json(
                  """
                  {"length": 0, "frequency": "daily", "started": null, "periodStart": null,
                   "periodEnd": null, "expires": null, "extended": false}
                  """));
      var restore = f.server.admin("POST", "/streaks/restore", "{\"users\": [{\"id\": \"u\"}]}");
      assertThat(restore.status()).isEqualTo(422);
      assertThat(restore.error()).isEqualTo("Streaks are not enabled");
      var freezes = f.server.admin("POST", "/streaks/freezes", "{\"freezes\": [{\"userId\": \"u\"}]}");
      assertThat(freezes.status()).isEqualTo(422);
      assertThat(freezes.error()).isEqualTo("Streak freezes are not enabled");

      String lessons = f.metricId("lessons");
      var put =
          f.server.admin(
              "PUT",
              "/streaks/config",
              """
              {"enabled": true, "frequency": "weekly", "evaluationMode": "ALL",
               "metrics": [{"metricId": "%s", "threshold": 2.5}], "personalization": true,
               "freezes": {"enabled": true, "maxFreezes": 5, "initialFreezes": 2,
                           "autoEarn": {"intervalDays": 7, "amount": 1}}}
              """
                  .formatted(lessons));
      JsonNode expected =
          json(
              """
              {"enabled": true, "frequency": "weekly", "evaluationMode": "AND",
               "metrics": [{"metricId": "%s", "threshold": 2.5}], "personalization": true,
               "freezes": {"enabled": true, "maxFreezes": 5, "initialFreezes": 2,
                           "autoEarn": {"intervalDays": 7, "amount": 1}}}
              """
                  .formatted(lessons));
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.body()).isEqualTo(expected);
      assertThat(f.server.admin("GET", "/streaks/config", null).body()).isEqualTo(expected);
      // Full replacement: absent fields take their defaults.
      var minimal = f.server.admin("PUT", "/streaks/config", "{\"enabled\": false}");
      assertThat(minimal.body().path("frequency").asText()).isEqualTo("daily");
      assertThat(minimal.body().path("metrics")).isEmpty();
      assertThat(minimal.body().path("freezes").path("enabled").asBoolean()).isFalse();
    }
  }

  @Test
  void cfg3_an_invalid_configuration_is_refused_with_its_first_problem_and_changes_nothing() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      String id = f.metricId("lessons");
      String metric = "[{\"metricId\": \"" + id + "\", \"threshold\": 1}]";
      String[][] cases = {
        {"[]", "Request body must be a JSON object"},
        {"{\"enabled\": \"yes\"}", "enabled must be true or false"},
        {"{\"frequency\": \"hourly\"}", "frequency must be one of daily, weekly, monthly"},
        {"{\"evaluationMode\": \"ANY\"}", "evaluationMode must be one of AND, OR"},
        {"{\"enabled\": true}", "metrics must contain at least one entry"},
        {"{\"metrics\": {}}", "metrics must be a list of {metricId, threshold}"},
        {"{\"metrics\": [{\"metricId\": \"" + id + "\", \"threshold\": 0}]}",
          "metrics[0].threshold must be a number > 0"},
        {"{\"metrics\": [{\"metricId\": \"" + id + "\", \"threshold\": \"1\"}]}",
          "metrics[0].threshold must be a number > 0"},
        {"{\"metrics\": [{\"threshold\": 1}]}", "metrics[0].metricId must be a non-empty string"},
        {"{\"metrics\": [{\"metricId\": \"nope\", \"threshold\": 1}]}",
          "metrics[0].metricId does not name an active metric: nope"},
        {"{\"metrics\": " + metric.replace("]", "," + metric.substring(1)) + "}",
          "metrics[1].metricId " + id + " appears more than once"},
        {"{\"metrics\": " + metric + ", \"freezes\": {\"enabled\": true, \"maxFreezes\": 0}}",
          "freezes.maxFreezes must be an integer between 1 and 100"},
        {"{\"freezes\": {\"enabled\": true, \"maxFreezes\": 2, \"initialFreezes\": 3}}",
          "freezes.initialFreezes must be an integer between 0 and freezes.maxFreezes"},
        {"{\"freezes\": {\"enabled\": true, \"maxFreezes\": 2.5}}",
          "freezes.maxFreezes must be an integer between 1 and 100"},
        {"{\"freezes\": {\"enabled\": true, \"maxFreezes\": 2, \"autoEarn\": {\"intervalDays\": 0, \"amount\": 1}}}",
          "freezes.autoEarn.intervalDays must be an integer >= 1"},
      };
      JsonNode before = f.server.admin("GET", "/streaks/config", null).body();
      for (String[] c : cases) {
        var r = f.server.admin("PUT", "/streaks/config", c[0]);
        assertThat(r.status()).as(c[0]).isEqualTo(422);
        assertThat(r.error()).as(c[0]).isEqualTo(c[1]);
      }
      assertThat(f.server.admin("GET", "/streaks/config", null).body()).isEqualTo(before);
    }
  }

  @Test
  void metric5_a_metric_the_streak_configuration_uses_cannot_be_deleted() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      String lessons = f.metricId("lessons");
      var r = f.server.admin("DELETE", "/metrics?ids=" + lessons, null);
      assertThat(r.body())
          .isEqualTo(
              json(
                  """
                  {"deleted": [], "issues": [{"id": "%s", "severity": "error",
                   "message": "Metric is in use by streak configuration"}]}
                  """
                      .formatted(lessons)));
      assertThat(f.server.admin("GET", "/metrics/" + lessons, null).status()).isEqualTo(200);
      f.server.admin("PUT", "/streaks/config", "{\"enabled\": false}");
      assertThat(f.server.admin("DELETE", "/metrics?ids=" + lessons, null).body().path("deleted"))
          .hasSize(1);
    }
  }

  @Test
  void pref4_streak19_streak20_personal_conditions_need_personalisation() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      assertThat(f.server.app("PUT", "/users/me", "{}").status()).isEqualTo(200);
      String override = "{\"streak\": {\"metrics\": [{\"key\": \"quizzes\", \"threshold\": 2}]}}";
      var refused = f.server.app("PATCH", "/users/me/preferences", override);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.error()).isEqualTo("Streak customization is not enabled");
      var mode = f.server.app("PATCH", "/users/me/preferences", "{\"streak\": {\"evaluationMode\": \"OR\"}}");
      assertThat(mode.status()).isEqualTo(403);
      assertThat(f.server.app("GET", "/users/me/preferences", null).body()).isEqualTo(json("{\"notifications\": {}}"));

      f.config(StreakFixture.DAILY_WITH_FREEZES.replace("\"personalization\": false", "\"personalization\": true"));
      var unknown =
          f.server.app("PATCH", "/users/me/preferences", "{\"streak\": {\"metrics\": [{\"key\": \"nope\", \"threshold\": 1}]}}");
      assertThat(unknown.status()).isEqualTo(422);
      var accepted = f.server.app("PATCH", "/users/me/preferences", override);
      assertThat(accepted.status()).isEqualTo(200);
      assertThat(accepted.body())
          .isEqualTo(json("{\"notifications\": {}, \"streak\": {\"metrics\": [{\"key\": \"quizzes\", \"threshold\": 2}]}}"));
      // STREAK-19: two quizzes, not a lesson, keep this user's streak.
      assertThat(f.lessonAt("me", "2025-03-03T11:00:00Z").path("extended").asBoolean()).isFalse();
      assertThat(f.event("me", "quizzes", 1).body().path("currentStreak").path("extended").asBoolean()).isFalse();
      JsonNode second = f.event("me", "quizzes", 1).body().path("currentStreak");
      assertThat(second.path("extended").asBoolean()).isTrue();
      assertThat(second.path("length").asInt()).isEqualTo(1);
      // STREAK-20: switching streaks off reports 0 at once; switching back on starts from 0.
      f.server.app("PATCH", "/users/me/preferences", "{\"streak\": {\"enabled\": false}}");
      assertThat(f.streak("me").path("length").asInt()).isZero();
      f.server.app("PATCH", "/users/me/preferences", "{\"streak\": {\"enabled\": true}}");
      assertThat(f.streak("me").path("length").asInt()).isZero();
    }
  }

  @Test
  void freeze8_streak21_freezes_off_hides_their_fields_and_a_frequency_switch_recomputes() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      // Monday to Wednesday 2025-03-03..05, one lesson a day.
      f.lessonAt("sw", "2025-03-03T10:00:00Z");
      f.lessonAt("sw", "2025-03-04T10:00:00Z");
      f.lessonAt("sw", "2025-03-05T10:00:00Z");
      assertThat(f.streak("sw").path("freezes").asInt()).isEqualTo(1);
      f.config(StreakFixture.DAILY_WITH_FREEZES.replace("\"enabled\": true, \"maxFreezes\"", "\"enabled\": false, \"maxFreezes\""));
      JsonNode off = f.streak("sw");
      assertThat(off.has("freezes")).isFalse();
      assertThat(off.has("maxFreezes")).isFalse();
      assertThat(off.path("streakHistory").get(0).has("usedFreeze")).isFalse();
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      assertThat(f.streak("sw").path("freezes").asInt()).isEqualTo(1);
      f.config(StreakFixture.DAILY_WITH_FREEZES.replace("daily", "weekly"));
      JsonNode weekly = f.streak("sw");
      assertThat(weekly.path("frequency").asText()).isEqualTo("weekly");
      assertThat(weekly.path("length").asInt()).isEqualTo(1);
      assertThat(weekly.path("periodStart").asText()).isEqualTo("2025-03-02");
      assertThat(weekly.path("periodEnd").asText()).isEqualTo("2025-03-08");
      assertThat(weekly.path("freezes").asInt()).isEqualTo(1);
    }
  }

  @Test
  void freeze4_auto_earn_counts_from_the_day_it_was_switched_on() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      String noAutoEarn = StreakFixture.DAILY_WITH_FREEZES.replace("\"initialFreezes\": 1", "\"initialFreezes\": 0");
      String autoEarn = noAutoEarn.replace("\"autoEarn\": null", "\"autoEarn\": {\"intervalDays\": 2, \"amount\": 1}");
      f.config(noAutoEarn);
      f.lessonAt("ae", "2025-03-03T10:00:00Z");
      // Switched on Wednesday 2025-03-05: the first accrual is at the midnight starting Friday.
      f.clock.set("2025-03-05T12:00:00Z");
      f.config(autoEarn);
      f.clock.set("2025-03-06T12:00:00Z");
      f.config(autoEarn);
      JsonNode thursday = f.streak("ae");
      assertThat(thursday.path("freezes").asInt()).isZero();
      assertThat(thursday.path("freezeAutoEarnInterval").asInt()).isEqualTo(2);
      assertThat(thursday.path("freezeAutoEarnAmount").asInt()).isEqualTo(1);
      f.clock.set("2025-03-07T00:00:01Z");
      assertThat(f.streak("ae").path("freezes").asInt()).isEqualTo(1);
      f.clock.set("2025-03-09T00:00:01Z");
      assertThat(f.streak("ae").path("freezes").asInt()).isEqualTo(2);
    }
  }
}
