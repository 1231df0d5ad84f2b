package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.config.ConfigFileException;
import dev.laurel.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CFG-1, CFG-3, CFG-18: the {@code streak:} mapping of a tenant in the configuration file. */
class StreakConfigFileTest {
  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-config", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static String metricId(TestServer server, String key) {
    for (JsonNode m : server.admin("GET", "/metrics?limit=100", null).body()) {
      if (m.path("key").asText().equals(key)) {
        return m.path("id").asText();
      }
    }
    return null;
  }

  @Test
  void cfg18_the_bundled_example_configures_a_streak_and_applying_it_again_changes_nothing() {
    try (TestServer server = new TestServer(Path.of("../examples/study-platform.yaml"))) {
      JsonNode config = server.admin("GET", "/streaks/config", null).body();
      assertThat(config.path("enabled").asBoolean()).isTrue();
      assertThat(config.path("evaluationMode").asText()).isEqualTo("OR");
      assertThat(config.path("metrics").get(0).path("metricId").asText())
          .isEqualTo(metricId(server, "lessons-completed"));
      assertThat(config.path("metrics").get(1).path("threshold").asInt()).isEqualTo(20);
      assertThat(config.path("freezes").path("autoEarn").path("intervalDays").asInt()).isEqualTo(7);
      var event =
          server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\": {\"id\": \"18\"}, \"value\": 20}");
      assertThat(event.body().path("currentStreak").path("extended").asBoolean()).isTrue();
      assertThat(event.body().path("currentStreak").path("freezes").asInt()).isEqualTo(1);
      server.restart();
      assertThat(server.admin("GET", "/streaks/config", null).body()).isEqualTo(config);
      assertThat(server.app("GET", "/users/18/streak", null).body().path("length").asInt()).isEqualTo(1);
    }
  }

  @Test
  void cfg1_a_file_streak_is_updated_by_key_kept_when_absent_and_pruning_waits_for_it() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    metrics: [{key: a, name: A}, {key: b, name: B}]
                    streak:
                      enabled: true
                      metrics: [{metric: a, threshold: 1}]
            """);
    try (TestServer server = new TestServer(file)) {
      String a = metricId(server, "a");
      assertThat(server.admin("GET", "/streaks/config", null).body().path("metrics").get(0).path("metricId").asText())
          .isEqualTo(a);
      // Without streak: the stored configuration stays.
      Files.writeString(
          file,
          """
          environments:
            production:
              tenants:
                default:
                  metrics: [{key: a, name: A}, {key: b, name: B}]
          """);
      server.restart();
      assertThat(server.admin("GET", "/streaks/config", null).body().path("enabled").asBoolean()).isTrue();
      // Pruning a away while the streak moves to b: the streak is applied first, then a goes.
      Files.writeString(
          file,
          """
          prune: true
          environments:
            production:
              tenants:
                default:
                  metrics: [{key: b, name: B}]
                  streak: {enabled: true, frequency: weekly, metrics: [{metric: b, threshold: 2}]}
          """);
      server.restart();
      JsonNode config = server.admin("GET", "/streaks/config", null).body();
      assertThat(config.path("frequency").asText()).isEqualTo("weekly");
      assertThat(config.path("metrics").get(0).path("metricId").asText()).isEqualTo(metricId(server, "b"));
      assertThat(metricId(server, "a")).isNull();
    }
  }

  @Test
  void cfg1_metric5_a_dangling_metric_or_a_pruned_metric_in_use_stops_the_start() throws IOException {
    Path dangling =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    metrics: [{key: a, name: A}]
                    streak: {enabled: true, metrics: [{metric: nope, threshold: 1}]}
            """);
    assertThatThrownBy(() -> new TestServer(dangling))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(
            e ->
                assertThat(((ConfigFileException) e).problems())
                    .contains(
                        "environments.production.tenants.default.streak.metrics[0].metric:"
                            + " does not name an active metric: nope"));
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    metrics: [{key: a, name: A}]
                    streak: {enabled: true, metrics: [{metric: a, threshold: 1}]}
            """);
    try (TestServer server = new TestServer(file)) {
      Files.writeString(
          file,
          """
          prune: true
          environments:
            production:
              tenants:
                default:
                  metrics: []
          """);
      assertThatThrownBy(server::restart)
          .isInstanceOf(ConfigFileException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigFileException) e).problems())
                      .contains(
                          "environments.production.tenants.default.metrics: cannot prune metric a:"
                              + " Metric is in use by streak configuration"));
    }
  }
}
