package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.config.ConfigFileException;
import dev.laurel.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CFG-1, CFG-2: achievements in the configuration file, by key, idempotent, validated with paths. */
class AchievementConfigTest {
  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-achievements", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String FILE =
      """
      environments:
        production:
          tenants:
            default:
              attributes:
                - {key: plan, name: Plan, type: user}
                - {key: deck, name: Deck, type: event}
              metrics:
                - {key: cards, name: Cards}
              achievements:
                - {key: champion, name: Champion, trigger: achievement, prerequisites: [ten, onboarding], status: active}
                - {key: ten, name: Ten cards, trigger: metric, metric: cards, metricValue: 10, status: active,
                   eventAttributes: {deck: french}, userAttributes: {plan: pro}}
                - {key: onboarding, name: Onboarding, trigger: api, status: active, description: Welcome}
                - {key: later, name: Later, trigger: streak, streakLength: 3}
      """;

  @Test
  void cfg1_cfg2_achievements_are_created_by_key_with_references_resolved_and_reapplied_idempotently() throws IOException {
    Path file = write(FILE);
    try (TestServer server = new TestServer(file)) {
      JsonNode admin = server.admin("GET", "/achievements", null).body();
      assertThat(keys(admin)).containsExactly("ten", "onboarding", "champion", "later");
      assertThat(admin.get(3).path("status").asText()).isEqualTo("inactive");
      assertThat(admin.get(2).path("achievementIds").toString())
          .isEqualTo("[\"" + admin.get(0).path("id").asText() + "\",\"" + admin.get(1).path("id").asText() + "\"]");
      JsonNode ten = server.app("GET", "/achievements", null).body().get(0);
      assertThat(ten.path("eventAttributes").toString()).isEqualTo("[{\"key\":\"deck\",\"value\":\"french\"}]");
      assertThat(ten.path("userAttributes").toString()).isEqualTo("[{\"key\":\"plan\",\"value\":\"pro\"}]");
      server.restart();
      assertThat(server.admin("GET", "/achievements", null).body()).isEqualTo(admin);
      Files.writeString(file, FILE.replace("description: Welcome", "description: Hello").replace("streakLength: 3}", "streakLength: 3, status: active}"));
      server.restart();
      JsonNode after = server.admin("GET", "/achievements", null).body();
      assertThat(after.get(1).path("id").asText()).isEqualTo(admin.get(1).path("id").asText());
      assertThat(after.get(1).path("description").asText()).isEqualTo("Hello");
      assertThat(after.get(3).path("status").asText()).isEqualTo("active");
    }
  }

  @Test
  void cfg1_cfg15_shape_problems_are_reported_with_their_paths() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    achievements:
                      - {key: a, name: A, trigger: metric, metric: cards, metricValue: 1, colour: red}
                      - {key: a, name: Again, trigger: api}
                      - {key: b, name: B}
                      - {key: c, name: C, trigger: streak, streakLength: two}
                      - {key: d, name: D, trigger: api, userAttributes: [plan]}
            """);
    assertThatThrownBy(() -> dev.laurel.server.config.ConfigFile.load(file))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .contains(
                "environments.production.tenants.default.achievements[1].key: duplicate achievement key a",
                "environments.production.tenants.default.achievements[2].trigger: is required (one of metric, streak, api, achievement)",
                "environments.production.tenants.default.achievements[3]: streakLength must be an integer of at least 1",
                "environments.production.tenants.default.achievements[4]: userAttributes must be a mapping of attribute key to value")
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.achievements[0].colour: unknown key")));
  }

  @Test
  void cfg1_dangling_references_and_rule_violations_stop_the_start_with_their_paths() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    metrics: [{key: cards, name: Cards}]
                    achievements:
                      - {key: a, name: A, trigger: metric, metric: nope, metricValue: 1}
                      - {key: b, name: B, trigger: achievement, prerequisites: [ghost]}
                      - {key: c, name: C, trigger: achievement, prerequisites: [d]}
                      - {key: d, name: D, trigger: achievement, prerequisites: [c]}
                      - {key: e, name: E, trigger: api, userAttributes: {plan: pro}}
                      - {key: f, name: F, trigger: api, metricValue: 3}
            """);
    assertThatThrownBy(() -> new TestServer(file))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .containsExactlyInAnyOrder(
                "environments.production.tenants.default.achievements[0]: metric: unknown metric nope",
                "environments.production.tenants.default.achievements[1]: prerequisites: unknown achievement ghost",
                "environments.production.tenants.default.achievements[4]: userAttributes: unknown user attribute plan",
                "environments.production.tenants.default.achievements[5]: metricValue applies only to metric achievements",
                "environments.production.tenants.default.achievements[2]: prerequisites wait on entries that could not be applied (a cycle, or an entry with problems)",
                "environments.production.tenants.default.achievements[3]: prerequisites wait on entries that could not be applied (a cycle, or an entry with problems)"));
  }

  @Test
  void cfg1_prune_deletes_achievements_the_file_no_longer_names() throws IOException {
    Path file = write(FILE);
    try (TestServer server = new TestServer(file)) {
      String withoutLater = FILE.lines().filter(l -> !l.contains("key: later")).collect(java.util.stream.Collectors.joining("\n"));
      Files.writeString(file, "prune: true\n" + withoutLater);
      server.restart();
      assertThat(keys(server.admin("GET", "/achievements", null).body())).containsExactly("ten", "onboarding", "champion");
    }
  }

  private static final String WITH_STREAK =
      """
      environments:
        production:
          tenants:
            default:
              metrics:
      %s
              streak: {enabled: true, metrics: [{metric: lessons, threshold: 1}]}
              achievements:
      %s
      """;

  private static String withStreak(String metrics, String achievements) {
    return WITH_STREAK.formatted(metrics, achievements);
  }

  @Test
  void cfg1_metric5_prune_keeps_a_metric_an_achievement_uses_until_the_achievement_goes_too() throws IOException {
    String cards = "          - {key: cards, name: Cards}";
    String lessons = "          - {key: lessons, name: Lessons}";
    String ten = "          - {key: ten, name: Ten, trigger: metric, metric: cards, metricValue: 10, status: active}";
    String twoDays = "          - {key: two-days, name: Two days, trigger: streak, streakLength: 2, status: active}";
    Path file = write(withStreak(cards + "\n" + lessons, ten + "\n" + twoDays));
    try (TestServer server = new TestServer(file)) {
      assertThat(keys(server.admin("GET", "/achievements", null).body())).containsExactly("ten", "two-days");
      // cards leaves the file but ten still uses it: refused, with the path and the user.
      Files.writeString(file, "prune: true\n" + withStreak(lessons, ten + "\n" + twoDays));
      assertThatThrownBy(server::restart)
          .isInstanceOf(ConfigFileException.class)
          .satisfies(
              e ->
                  assertThat(((ConfigFileException) e).problems())
                      .contains(
                          "environments.production.tenants.default.metrics: cannot prune metric cards:"
                              + " Metric is in use by achievement ten"));
      // ten leaves with it: the achievement is deleted first, then the metric is archived.
      Files.writeString(file, "prune: true\n" + withStreak(lessons, twoDays));
      server.restart();
      assertThat(keys(server.admin("GET", "/achievements", null).body())).containsExactly("two-days");
      assertThat(server.app("POST", "/metrics/cards/event", "{\"user\":{\"id\":\"u\"},\"value\":1}").status())
          .isEqualTo(404);
      var lesson = server.app("POST", "/metrics/lessons/event", "{\"user\":{\"id\":\"u\"},\"value\":1}");
      assertThat(lesson.body().path("currentStreak").path("length").asInt()).isEqualTo(1);
    }
  }

  @Test
  void cfg18_the_bundled_example_is_applied_with_its_achievements() {
    try (TestServer server = new TestServer(Path.of("../examples/study-platform.yaml"))) {
      JsonNode all = server.app("GET", "/achievements", null).body();
      assertThat(keys(all)).contains("first-flip", "french-deck", "week-streak", "study-champion");
      assertThat(server.admin("GET", "/streaks/config", null).body().path("enabled").asBoolean()).isTrue();
      var r = server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\":{\"id\":\"ex\"},\"value\":100}");
      assertThat(keys(r.body().path("achievements"))).containsExactly("first-flip", "hundred-flips");
    }
  }
}
