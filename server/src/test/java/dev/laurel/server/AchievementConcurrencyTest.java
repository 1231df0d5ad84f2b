package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.create;
import static dev.laurel.server.AchievementFixture.event;
import static dev.laurel.server.AchievementFixture.parallel;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ACH-5 under concurrency (EVENT-8): exactly one completion per user, whatever the interleaving. */
class AchievementConcurrencyTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    String cards = AchievementFixture.metricId(server, "cards");
    create(server, "{\"key\":\"hundred\",\"name\":\"100\",\"trigger\":\"metric\",\"metricId\":\"" + cards + "\",\"metricValue\":100,\"status\":\"active\"}");
    create(server, "{\"key\":\"hello\",\"name\":\"Hello\",\"trigger\":\"api\",\"status\":\"active\"}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ach5_event8_two_hundred_concurrent_events_around_a_threshold_complete_it_exactly_once() throws Exception {
    List<Integer> listed =
        parallel(200, () -> {
          var r = event(server, "cards", "racer", "1");
          assertThat(r.status()).isEqualTo(201);
          return r.body().path("achievements").size();
        });
    assertThat(listed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    var mine = server.app("GET", "/users/racer/achievements", null).body();
    assertThat(mine).hasSize(1);
    assertThat(server.app("GET", "/users/racer/metrics/cards", null).body().path("current").asInt()).isEqualTo(200);
    assertThat(server.app("GET", "/achievements", null).body().get(0).path("completions").asInt()).isEqualTo(1);
  }

  @Test
  void ach5_ach12_concurrent_api_completions_share_one_completion() throws Exception {
    List<String> ids =
        parallel(50, () -> {
          var r = server.app("POST", "/achievements/hello/complete", "{\"user\":{\"id\":\"caller\"}}");
          assertThat(r.status()).isEqualTo(201);
          return r.body().path("completionId").asText();
        });
    assertThat(ids).hasSize(50).containsOnly(ids.get(0));
  }
}
