package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.config.ConfigFile;
import dev.laurel.server.config.ConfigFileException;
import dev.laurel.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CFG-1, CFG-15, CFG-17, CFG-18: points systems in the configuration file. */
class PointsConfigFileTest {
  private static final String BASE =
      """
      environments:
        production:
          tenants:
            default:
              attributes: [{key: plan, name: Plan, type: user}, {key: deck, name: Deck, type: event}]
              metrics: [{key: cards, name: Cards}]
              points:
                - key: xp
                  name: XP
                  triggers:
                    - {type: metric, metric: cards, metricThreshold: 10, points: 20, status: active, eventAttributes: {deck: fr}}
                    - {type: streak, streakLength: 7, points: 50, status: active, userAttributes: {plan: pro}}
                  levels:
                    - {key: bronze, name: Bronze, points: 0}
                  boosts:
                    - {name: Launch, start: 2025-01-01, end: 2025-01-31, multiplier: 1.5, rounding: nearest}
      """;

  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-points", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static JsonNode system(TestServer server, String key) {
    for (JsonNode s : server.admin("GET", "/points?limit=100", null).body()) {
      if (s.path("key").asText().equals(key)) {
        return s;
      }
    }
    return null;
  }

  private static JsonNode part(TestServer server, String key, String segment) {
    return server.admin("GET", "/points/" + system(server, key).path("id").asText() + "/" + segment + "?limit=100", null).body();
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("id").asText()));
    return out;
  }

  @Test
  void cfg1_points_are_created_by_key_once_and_re_applying_changes_nothing() throws IOException {
    Path file = write(BASE);
    try (TestServer server = new TestServer(file)) {
      JsonNode triggers = part(server, "xp", "triggers");
      assertThat(triggers).hasSize(2);
      assertThat(triggers.get(0).path("eventAttributes").get(0).path("attributeValue").asText()).isEqualTo("fr");
      assertThat(triggers.get(1).path("userAttributes").get(0).path("attributeValue").asText()).isEqualTo("pro");
      assertThat(part(server, "xp", "boosts").get(0).path("multiplier").decimalValue()).isEqualByComparingTo("1.5");
      List<String> before = ids(triggers);
      String systemId = system(server, "xp").path("id").asText();
      String updated = server.app("GET", "/points/xp", null).body().path("triggers").get(0).path("updated").asText();
      server.restart();
      assertThat(server.app("GET", "/points/xp", null).body().path("triggers").get(0).path("updated").asText())
          .isEqualTo(updated); // nothing rewritten
      assertThat(system(server, "xp").path("id").asText()).isEqualTo(systemId);
      assertThat(ids(part(server, "xp", "triggers"))).isEqualTo(before);
      assertThat(part(server, "xp", "levels")).hasSize(1);
      assertThat(part(server, "xp", "boosts")).hasSize(1);
      // the application view of the same system
      assertThat(server.app("GET", "/points/xp", null).body().path("triggers").get(0).path("eventAttribute").path("key").asText())
          .isEqualTo("deck");
    }
  }

  @Test
  void cfg1_trig7_edits_apply_in_place_and_prune_archives_what_the_file_dropped() throws IOException {
    Path file = write(BASE);
    try (TestServer server = new TestServer(file)) {
      List<String> before = ids(part(server, "xp", "triggers"));
      Files.writeString(file, BASE
          .replace("metricThreshold: 10, points: 20", "metricThreshold: 5, points: 30")
          .replace("- {key: bronze, name: Bronze, points: 0}", "- {key: bronze, name: Bronze II, points: 0}\n              - {key: gold, name: Gold, points: 500}"));
      server.restart();
      JsonNode triggers = part(server, "xp", "triggers");
      assertThat(ids(triggers)).isEqualTo(before);
      assertThat(triggers.get(0).path("metricThreshold").asInt()).isEqualTo(5);
      assertThat(triggers.get(0).path("points").asInt()).isEqualTo(30);
      assertThat(part(server, "xp", "levels")).extracting(l -> l.path("name").asText()).containsExactly("Bronze II", "Gold");
      Files.writeString(file, "prune: true\n" + BASE.replaceAll("(?m)^ *- \\{type: streak.*\\n", ""));
      server.restart();
      assertThat(ids(part(server, "xp", "triggers"))).containsExactly(before.get(0));
      assertThat(part(server, "xp", "levels")).hasSize(1);
    }
  }

  @Test
  void cfg1_cfg15_problems_are_reported_with_their_paths() throws IOException {
    Path file = write(BASE
        .replace("metricThreshold: 10, points: 20,", "metricThreshold: 10, points: 20, colour: red,")
        .replace("- {key: bronze, name: Bronze, points: 0}", "- {key: bronze, name: Bronze, points: 0}\n              - {key: bronze, name: Again, points: 5}")
        .replace("- {type: streak, streakLength: 7,", "- {type: streak, streakLength: 7, points: 1}\n              - {type: streak, streakLength: 7,"));
    assertThatThrownBy(() -> ConfigFile.load(file))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.points[0].triggers[0].colour: unknown key"))
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.points[0].triggers[2]: duplicate trigger"))
            .anyMatch(p -> p.equals("environments.production.tenants.default.points[0].levels[1].key: duplicate level key bronze")));
    Path dangling = write(BASE.replace("metric: cards", "metric: nowhere"));
    assertThatThrownBy(() -> new TestServer(dangling))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .containsExactly("environments.production.tenants.default.points[0]: triggers[0]: unknown metric nowhere"));
  }

  @Test
  void cfg18_the_bundled_example_applies_and_its_xp_system_awards_through_http() {
    try (TestServer server = new TestServer(Path.of("../examples/study-platform.yaml"))) {
      assertThat(part(server, "xp", "triggers")).hasSize(6);
      assertThat(part(server, "xp", "levels")).hasSize(3);
      assertThat(part(server, "energy", "triggers")).hasSize(3);
      var r = server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\":{\"id\":\"student\"},\"value\":20}");
      JsonNode xp = r.body().path("points").path("xp");
      assertThat(xp.path("awards")).extracting(a -> a.path("trigger").path("type").asText()).containsExactly("user_creation", "metric");
      assertThat(xp.path("total").asInt()).isEqualTo(140);
      server.restart();
      assertThat(part(server, "xp", "triggers")).hasSize(6);
    }
  }
}
