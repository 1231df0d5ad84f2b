package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** ACH-13: completions and rarity per achievement, over the users of the scope. */
class AchievementStatsTest {
  @Test
  void ach13_completions_and_rarity_rounded_half_up() {
    try (TestServer server = new TestServer()) {
      create(server, "{\"key\":\"eight\",\"name\":\"Eight\",\"trigger\":\"api\",\"status\":\"active\"}");
      create(server, "{\"key\":\"one\",\"name\":\"One\",\"trigger\":\"api\",\"status\":\"active\"}");
      JsonNode empty = server.app("GET", "/achievements", null).body();
      assertThat(empty.get(0).path("completions").asInt()).isZero();
      assertThat(empty.get(0).path("rarity").toString()).isEqualTo("0");
      for (int i = 0; i < 10; i++) {
        server.app("PUT", "/users/stat-" + i, "{}");
      }
      for (int i = 0; i < 8; i++) {
        assertThat(server.app("POST", "/achievements/eight/complete", "{\"user\":{\"id\":\"stat-" + i + "\"}}").status()).isEqualTo(201);
      }
      // Two more users: 12 in all, so one completion is 8.333…% → 8.33 and eight are 66.666…% → 66.67.
      server.app("PUT", "/users/stat-10", "{}");
      server.app("POST", "/achievements/one/complete", "{\"user\":{\"id\":\"stat-11\"}}");
      JsonNode all = server.app("GET", "/achievements", null).body();
      assertThat(all.get(0).path("completions").asInt()).isEqualTo(8);
      assertThat(all.get(0).path("rarity").toString()).isEqualTo("66.67");
      assertThat(all.get(1).path("rarity").toString()).isEqualTo("8.33");
      JsonNode mine = server.app("GET", "/users/stat-0/achievements", null).body();
      assertThat(mine.get(0).path("completions").asInt()).isEqualTo(8);
      assertThat(mine.get(0).path("rarity").toString()).isEqualTo("66.67");
    }
  }
}
