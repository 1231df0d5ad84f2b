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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code leaderboards:} section of the configuration file (CFG-1, CFG-12, CFG-15, CFG-18). */
class LeaderboardConfigTest {
  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-config", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String FILE =
      """
      leaderboards:
        maxParticipantsCeiling: 5000
      environments:
        production:
          tenants:
            default:
              attributes: [{key: plan, name: Plan, type: user}]
              metrics: [{key: cards, name: Cards}]
              leaderboards:
                - {key: daily-cards, name: Daily cards, rankBy: metric, metric: cards,
                   runUnit: day, runInterval: 1, start: 2025-01-01, status: active,
                   breakdownAttributes: [plan], startTime: 09:00, maxParticipants: 5000}
                - {key: streaks, name: Streaks, rankBy: streak, start: 2025-01-20, status: scheduled}
      """;

  @Test
  void cfg1_leaderboards_are_applied_by_key_with_references_by_key_and_idempotently() throws IOException {
    Path file = write(FILE);
    // 2025-01-15 10:00 UTC
    TestClock clock = new TestClock("2025-01-15T10:00:00Z");
    try (TestServer server = new TestServer(file, clock)) {
      JsonNode boards = server.admin("GET", "/leaderboards", null).body();
      assertThat(boards).hasSize(2);
      JsonNode daily = boards.get(0);
      assertThat(daily.path("metricId").asText()).isEqualTo(server.admin("GET", "/metrics", null).body().get(0).path("id").asText());
      assertThat(daily.path("breakdownAttributes").get(0).asText())
          .isEqualTo(server.admin("GET", "/attributes", null).body().get(0).path("id").asText());
      assertThat(daily.path("startTime").asText()).isEqualTo("09:00");
      assertThat(daily.path("maxParticipants").asInt()).isEqualTo(5000);
      assertThat(boards.get(1).path("status").asText()).isEqualTo("scheduled");

      clock.set("2025-01-21T10:00:00Z"); // streaks became active by itself; the file still says scheduled
      server.restart();
      JsonNode again = server.admin("GET", "/leaderboards", null).body();
      assertThat(again).hasSize(2);
      assertThat(again.get(0).path("id").asText()).isEqualTo(daily.path("id").asText());
      assertThat(again.get(1).path("status").asText()).isEqualTo("active");

      Files.writeString(file, FILE.replace("name: Daily cards", "name: Cards per day"));
      server.restart();
      assertThat(server.admin("GET", "/leaderboards", null).body().get(0).path("name").asText()).isEqualTo("Cards per day");
      // CFG-12: the file's ceiling bounds maxParticipants
      TestServer.Response big = server.admin("POST", "/leaderboards", "[{\"name\":\"b\",\"key\":\"b\",\"rankBy\":\"streak\",\"maxParticipants\":5001}]");
      assertThat(big.body().path("issues").get(0).path("message").asText())
          .isEqualTo("maxParticipants must be an integer between 1 and 5000");
    }
  }

  @Test
  void cfg15_shapes_are_checked_with_paths_before_anything_is_applied() throws IOException {
    Path file =
        write(
            """
            leaderboards: {maxParticipantsCeiling: -1}
            environments:
              production:
                tenants:
                  default:
                    leaderboards:
                      - {key: a, name: A, rankBy: metric, metric: cards, colour: red}
                      - {key: a, name: Again, rankBy: sometimes, runInterval: zero}
                      - {name: No key, rankBy: streak, breakdownAttributes: plan, start: tomorrow}
            """);
    String at = "environments.production.tenants.default.leaderboards";
    assertThatThrownBy(() -> ConfigFile.load(file))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .contains("leaderboards.maxParticipantsCeiling: must be a positive integer")
            .anyMatch(p -> p.startsWith(at + "[0].colour: unknown key"))
            .contains(at + "[1].key: duplicate leaderboard key a")
            .contains(at + "[1]: rankBy must be one of metric, streak, points")
            .contains(at + "[2].key: is required and must be a string")
            .contains(at + "[2].breakdownAttributes: must be a list of user attribute keys"));
  }

  @Test
  void cfg1_dangling_references_stop_the_start_with_their_path() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    leaderboards:
                      - {key: a, name: A, rankBy: metric, metric: nope}
            """);
    assertThatThrownBy(() -> new TestServer(file, new TestClock("2025-01-15T10:00:00Z")))
        .isInstanceOf(ConfigFileException.class)
        .satisfies(e -> assertThat(((ConfigFileException) e).problems())
            .isEqualTo(List.of("environments.production.tenants.default.leaderboards[0]: metric nope is not an active metric")));
  }
}
