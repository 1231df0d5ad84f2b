package dev.laurel.server;

import static dev.laurel.server.StreakFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SDK-9: the legacy {@code GET /v1/streaks/rankings}, settled up to now like every read. */
class StreakRankingTest {

  @Test
  void sdk9_rankings_by_current_and_longest_length_exclude_zero_and_lapsed_streaks() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z")) {
      f.config(StreakFixture.DAILY_WITH_FREEZES.replace("\"enabled\": true, \"maxFreezes\"", "\"enabled\": false, \"maxFreezes\""));
      // r1 reaches 3 (Mon..Wed) and then stops; the others act on Thursday and Friday.
      for (String day : new String[] {"03", "04", "05"}) {
        f.lessonAt("r1", "2025-03-" + day + "T10:00:00Z");
      }
      f.lessonAt("r2", "2025-03-06T10:00:00Z");
      f.lessonAt("r2", "2025-03-07T10:00:00Z");
      f.clock.set("2025-03-07T11:00:00Z");
      f.server.app("POST", "/metrics/lessons/event", "{\"user\": {\"id\": \"r4\", \"name\": \"Ann\"}, \"value\": 1}");
      f.lessonAt("r3", "2025-03-07T12:00:00Z");
      f.lessonAt("r4", "2025-03-07T13:00:00Z");
      assertThat(f.server.app("PUT", "/users/r5", "{}").status()).isEqualTo(200);
      // Friday 13:00: r1's streak was lost at Friday's midnight, though its stored length is 3.
      var active = f.server.app("GET", "/streaks/rankings", null);
      assertThat(active.status()).isEqualTo(200);
      assertThat(active.body())
          .isEqualTo(
              json(
                  """
                  [{"userId": "r2", "name": null, "streakLength": 2},
                   {"userId": "r3", "name": null, "streakLength": 1},
                   {"userId": "r4", "name": "Ann", "streakLength": 1}]
                  """));
      assertThat(f.server.app("GET", "/streaks/rankings?type=active&limit=1", null).body())
          .isEqualTo(json("[{\"userId\": \"r2\", \"name\": null, \"streakLength\": 2}]"));
      assertThat(f.server.app("GET", "/streaks/rankings?type=longest&limit=2", null).body())
          .isEqualTo(
              json(
                  """
                  [{"userId": "r1", "name": null, "streakLength": 3},
                   {"userId": "r2", "name": null, "streakLength": 2}]
                  """));
      var badType = f.server.app("GET", "/streaks/rankings?type=best", null);
      assertThat(badType.status()).isEqualTo(422);
      assertThat(badType.error()).isEqualTo("type must be one of active, longest");
      var badLimit = f.server.app("GET", "/streaks/rankings?limit=101", null);
      assertThat(badLimit.status()).isEqualTo(422);
      assertThat(badLimit.error()).isEqualTo("limit must be an integer between 1 and 100");
    }
  }

  @Test
  void cfg3_sdk9_the_served_extension_file_describes_the_streak_extensions() {
    try (TestServer server = new TestServer()) {
      var r = server.call("GET", "/openapi/extensions.json", null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().path("paths").has("/admin/v1/streaks/config")).isTrue();
      assertThat(r.body().path("paths").path("/admin/v1/streaks/config").has("put")).isTrue();
      assertThat(r.body().path("paths").has("/v1/streaks/rankings")).isTrue();
    }
  }
}
