package dev.laurel.server;

import static dev.laurel.server.StreakFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin streak commands: FREEZE-6, PAUSE-1..7, RESTORE-1..6, SDK-6, ADM-2, ERR-3. */
class StreakAdminTest {
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

  private static TestServer.Response admin(String method, String path, String body) {
    return f.server.admin(method, path, body);
  }

  @Test
  void freeze6_sdk6_each_item_grants_one_freeze_up_to_the_maximum() {
    f.lessonAt("fz", "2025-03-03T10:00:00Z");
    var r =
        admin(
            "POST",
            "/streaks/freezes",
            "{\"freezes\": [{\"userId\": \"fz\"}, {\"userId\": \"fz\"}, {\"userId\": \"ghost\"}]}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body())
        .isEqualTo(
            json(
                """
                {"issues": [
                  {"userId": "fz", "severity": "warning", "message": "Would exceed maximum freeze limit",
                   "level": "warning", "reason": "Would exceed maximum freeze limit"},
                  {"userId": "ghost", "severity": "error", "message": "User does not exist",
                   "level": "error", "reason": "User does not exist"}]}
                """));
    assertThat(f.streak("fz").path("freezes").asInt()).isEqualTo(2);
    var full = admin("POST", "/streaks/freezes", "{\"freezes\": [{\"userId\": \"fz\"}]}");
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.body().path("issues")).hasSize(1);
  }

  @Test
  void err3_adm2_malformed_freeze_and_restore_bodies_are_400() {
    String[][] cases = {
      {"/streaks/freezes", "[]", "Request body must be a JSON object"},
      {"/streaks/freezes", "{}", "freezes must be an array of between 1 and 100 items"},
      {"/streaks/freezes", "{\"freezes\": []}", "freezes must be an array of between 1 and 100 items"},
      {"/streaks/freezes", "{\"freezes\": [{\"userId\": 5}]}", "freezes[0].userId must be a string"},
      {"/streaks/restore", "{\"users\": [{}]}", "users[0].id must be a string"},
      {"/streaks/restore", "{\"users\": [" + String.join(",", java.util.Collections.nCopies(101, "{\"id\": \"a\"}")) + "]}",
        "users must be an array of between 1 and 100 items"},
      {"/streaks/restore", "not json", "Request body must be valid JSON"},
    };
    for (String[] c : cases) {
      var r = admin("POST", c[0], c[1]);
      assertThat(r.status()).as(c[1]).isEqualTo(400);
      assertThat(r.error()).as(c[1]).isEqualTo(c[2]);
    }
    var pauses = admin("POST", "/streaks/pauses", "{}");
    assertThat(pauses.status()).isEqualTo(422);
    assertThat(pauses.error()).isEqualTo("pauses must be an array of between 1 and 100 items");
  }

  @Test
  void pause1_pause3_pause7_a_pause_covers_missed_days_before_any_freeze() {
    f.lessonAt("pz", "2025-03-03T10:00:00Z");
    f.lessonAt("pz", "2025-03-04T10:00:00Z");
    f.clock.set("2025-03-04T12:00:00Z");
    var r =
        admin(
            "POST",
            "/streaks/pauses",
            """
            {"pauses": [
              {"userId": "pz", "start": "2025-03-05", "end": "2025-03-06"},
              {"userId": "ghost", "start": "2025-03-05", "end": "2025-03-06"},
              {"userId": "pz", "start": "2025-13-01", "end": "2025-03-06"},
              {"userId": "pz", "start": "2025-03-05", "end": null},
              {"userId": "pz", "start": "2025-03-03", "end": "2025-03-05"},
              {"userId": "pz", "start": "2025-03-07", "end": "2025-03-06"}]}
            """);
    assertThat(r.status()).isEqualTo(201);
    JsonNode created = r.body().path("created");
    assertThat(created).hasSize(1);
    String id = created.get(0).path("id").asText();
    assertThat(UUID.fromString(id).version()).isEqualTo(4);
    assertThat(created.get(0))
        .isEqualTo(
            json(
                """
                {"id": "%s", "userId": "pz", "start": "2025-03-05", "end": "2025-03-06",
                 "status": "active"}
                """
                    .formatted(id)));
    assertThat(r.body().path("issues"))
        .isEqualTo(
            json(
                """
                [{"userId": "ghost", "severity": "error", "message": "User does not exist"},
                 {"userId": "pz", "severity": "error", "message": "start must be a date in YYYY-MM-DD format"},
                 {"userId": "pz", "severity": "error", "message": "end must be a date in YYYY-MM-DD format"},
                 {"userId": "pz", "severity": "error", "message": "start cannot be in the past"},
                 {"userId": "pz", "severity": "error", "message": "end precedes start"}]
                """));
    JsonNode before = f.streak("pz");
    assertThat(before.path("pauses"))
        .isEqualTo(json("[{\"id\": \"%s\", \"start\": \"2025-03-05\", \"end\": \"2025-03-06\"}]".formatted(id)));
    assertThat(before.path("expires").asText()).isEqualTo("2025-03-07");
    // Friday 2025-03-07 12:00: both paused days were missed; the streak and the freeze are kept.
    f.clock.set("2025-03-07T12:00:00Z");
    JsonNode after = f.streak("pz");
    assertThat(after.path("length").asInt()).isEqualTo(2);
    assertThat(after.path("freezes").asInt()).isEqualTo(1);
    assertThat(after.path("pauses")).isEmpty();
    JsonNode history = after.path("streakHistory");
    assertThat(history.get(4).path("usedPause").asBoolean()).isTrue();
    assertThat(history.get(5).path("usedPause").asBoolean()).isTrue();
    assertThat(history.get(5).path("usedFreeze").asBoolean()).isFalse();
  }

  @Test
  void pause6_a_deleted_pause_stops_covering_and_is_not_found_again() {
    f.lessonAt("pd", "2025-03-03T10:00:00Z");
    var r =
        admin(
            "POST",
            "/streaks/pauses",
            "{\"pauses\": [{\"userId\": \"pd\", \"start\": \"2025-03-04\", \"end\": \"2025-03-05\"}]}");
    String id = r.body().path("created").get(0).path("id").asText();
    String unknown = UUID.randomUUID().toString();
    var deleted = admin("DELETE", "/streaks/pauses?ids=" + id + ",not-a-uuid&ids=" + unknown, null);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body())
        .isEqualTo(
            json(
                """
                {"deleted": [{"id": "%s"}], "issues": [
                  {"id": "not-a-uuid", "severity": "error", "message": "id must be a valid UUID"},
                  {"id": "%s", "severity": "error", "message": "Streak pause not found by ID"}]}
                """
                    .formatted(id, unknown)));
    var again = admin("DELETE", "/streaks/pauses?ids=" + id, null);
    assertThat(again.body().path("issues").get(0).path("message").asText())
        .isEqualTo("Streak pause not found by ID");
    // Wednesday 12:00: Tuesday was missed and, the pause being gone, the freeze covered it.
    f.clock.set("2025-03-05T12:00:00Z");
    JsonNode streak = f.streak("pd");
    assertThat(streak.path("freezes").asInt()).isZero();
    assertThat(streak.path("streakHistory").get(5).path("usedPause").asBoolean()).isFalse();
    assertThat(streak.path("streakHistory").get(5).path("usedFreeze").asBoolean()).isTrue();
    var none = admin("DELETE", "/streaks/pauses", null);
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.error()).isEqualTo("ids must list between 1 and 100 ids");
  }

  @Test
  void restore1_restore6_the_longest_streak_of_the_window_comes_back() {
    f.lessonAt("rs", "2025-03-03T10:00:00Z");
    f.lessonAt("rs", "2025-03-04T10:00:00Z");
    f.lessonAt("rs", "2025-03-05T10:00:00Z");
    f.lessonAt("rs2", "2025-03-03T10:00:00Z");
    f.lessonAt("rs2", "2025-03-04T10:00:00Z");
    assertThat(f.server.app("PUT", "/users/fresh", "{}").status()).isEqualTo(200);
    // Saturday 2025-03-08 09:00: rs lost 3 on Friday's midnight (Thursday frozen); rs2 lost 2 and
    // starts again today.
    JsonNode today = f.lessonAt("rs2", "2025-03-08T09:00:00Z");
    assertThat(today.path("length").asInt()).isEqualTo(1);
    assertThat(f.streak("rs").path("length").asInt()).isZero();
    var r =
        admin(
            "POST",
            "/streaks/restore",
            "{\"users\": [{\"id\": \"rs\"}, {\"id\": \"ghost\"}, {\"id\": \"fresh\"}, {\"id\": \"rs2\"}]}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body())
        .isEqualTo(
            json(
                """
                {"restoredUsers": ["rs", "rs2"], "issues": [
                  {"userId": "ghost", "severity": "error", "message": "User does not exist",
                   "level": "error", "reason": "User does not exist"},
                  {"userId": "fresh", "severity": "warning", "message": "No streak to restore",
                   "level": "warning", "reason": "No streak to restore"}]}
                """));
    JsonNode restored = f.streak("rs");
    assertThat(restored.path("length").asInt()).isEqualTo(3);
    assertThat(restored.path("started").asText()).isEqualTo("2025-03-03");
    assertThat(restored.path("expires").asText()).isEqualTo("2025-03-08");
    assertThat(f.streak("rs2").path("length").asInt()).isEqualTo(3);
    var twice = admin("POST", "/streaks/restore", "{\"users\": [{\"id\": \"rs\"}]}");
    assertThat(twice.status()).isEqualTo(200);
    assertThat(twice.body().path("issues").get(0).path("message").asText())
        .isEqualTo("No streak to restore");
  }
}
