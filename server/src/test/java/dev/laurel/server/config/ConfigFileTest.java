package dev.laurel.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CFG-1, CFG-15: the file is checked whole, every problem reported with its path. */
class ConfigFileTest {
  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-config", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void the_bundled_example_is_valid() {
    ConfigFile file = ConfigFile.load(Path.of("../examples/study-platform.yaml"));
    assertThat(file.environments()).hasSize(1);
    assertThat(file.environments().get(0).tenants().get(0).metrics()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void cfg15_unknown_keys_and_bad_values_are_all_reported_with_their_paths() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                controlRatio: 2
                tenants:
                  default:
                    metrics:
                      - {key: "bad key", name: Bad}
                      - {key: ok, name: Ok, colour: red}
                      - {key: ok, name: Twice}
                      - {key: money, name: Money, unitType: currency, units: usd}
                    attributes:
                      - {key: plan, name: Plan, type: account}
            """);
    assertThatThrownBy(() -> ConfigFile.load(file))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining(file.toString())
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .anyMatch(p -> p.startsWith("environments.production.controlRatio: must be a number between 0 and 1"))
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.metrics[0].key: key must match"))
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.metrics[1].colour: unknown key"))
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.metrics[2].key: duplicate metric key ok"))
            .anyMatch(p -> p.equals("environments.production.tenants.default.metrics[3]: units must be a supported currency code"))
            .anyMatch(p -> p.startsWith("environments.production.tenants.default.attributes[0].type: must be one of user, event")));
  }

  @Test
  void a_file_that_is_not_yaml_names_the_file() throws IOException {
    Path file = write("environments: [unclosed");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageContaining(file.toString());
  }

  @Test
  void a_missing_environments_key_is_reported() throws IOException {
    Path file = write("prune: true\n");
    assertThatThrownBy(() -> ConfigFile.load(file)).hasMessageContaining("environments: is required");
  }

  @Test
  void cfg3_cfg15_streak_problems_are_reported_with_their_paths() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    metrics: [{key: a, name: A}]
                    streak:
                      enabled: maybe
                      frequency: hourly
                      colour: red
                      metrics: [{metric: a, threshold: 0, extra: 1}, {threshold: 1}]
                      freezes: {enabled: true, maxFreezes: 1.5, autoEarn: {intervalDays: x, amount: 1}}
                  acme:
                    streak: {enabled: true, metrics: [{metric: a, threshold: 0}]}
            """);
    String at = "environments.production.tenants.";
    assertThatThrownBy(() -> ConfigFile.load(file))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .contains(
                at + "default.streak.colour: is an unknown key (expected one of enabled, evaluationMode,"
                    + " freezes, frequency, metrics, personalization)",
                at + "default.streak.enabled: must be true or false",
                at + "default.streak.frequency: must be one of daily, weekly, monthly",
                at + "default.streak.metrics[0].extra: is an unknown key (expected one of metric, threshold)",
                at + "default.streak.metrics[1].metric: must be a non-empty string",
                at + "default.streak.freezes.maxFreezes: must be an integer between 1 and 100",
                at + "default.streak.freezes.autoEarn.intervalDays: must be an integer >= 1",
                at + "acme.streak.metrics[0].threshold: must be a number > 0"));
  }
}
