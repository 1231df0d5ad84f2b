package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.awaitUserAchievements;
import static dev.laurel.server.AchievementFixture.create;
import static dev.laurel.server.AchievementFixture.event;
import static dev.laurel.server.AchievementFixture.keys;
import static dev.laurel.server.AchievementFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ACH-16: activation and requirement edits backdate silently, in the users' lanes. */
class AchievementBackdatingTest {
  static TestServer server;
  static String cards;
  static String deck;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    cards = AchievementFixture.metricId(server, "cards");
    deck = AchievementFixture.attribute(server, "deck", "event");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ach16_activation_completes_for_users_already_past_the_threshold_silently() throws Exception {
    event(server, "cards", "bd-1", "30");
    event(server, "cards", "bd-2", "5");
    String id = create(server, "{\"key\":\"bd-20\",\"name\":\"20\",\"trigger\":\"metric\",\"metricId\":\"" + cards + "\",\"metricValue\":20}");
    String prize = create(server, "{\"key\":\"bd-prize\",\"name\":\"Prize\",\"trigger\":\"achievement\",\"achievementIds\":[\"" + id + "\"],\"status\":\"active\"}");
    Instant before = Instant.now();
    patch(server, "{\"id\":\"" + id + "\",\"status\":\"active\"}");
    var done = awaitUserAchievements(server, "bd-1", a -> a.size() == 2);
    assertThat(keys(done)).containsExactly("bd-20", "bd-prize");
    assertThat(Instant.parse(done.get(0).path("achievedAt").asText())).isAfterOrEqualTo(before.minusMillis(1));
    assertThat(prize).isNotEmpty();
    // Silent: the next event does not report it; the user below the threshold got nothing.
    assertThat(event(server, "cards", "bd-1", "1").body().path("achievements")).isEmpty();
    assertThat(server.app("GET", "/users/bd-2/achievements", null).body()).isEmpty();
    // And it completes normally (reported) when bd-2 crosses it later.
    assertThat(keys(event(server, "cards", "bd-2", "15").body().path("achievements"))).containsExactly("bd-20", "bd-prize");
  }

  @Test
  void ach16_lowering_the_threshold_of_an_active_achievement_backdates_using_event_filters() throws Exception {
    String french = "{\"user\":{\"id\":\"bd-f\"},\"value\":4,\"attributes\":{\"deck\":\"french\"}}";
    String german = "{\"user\":{\"id\":\"bd-f\"},\"value\":10,\"attributes\":{\"deck\":\"german\"}}";
    server.app("POST", "/metrics/cards/event", french);
    server.app("POST", "/metrics/cards/event", german);
    String id =
        create(server, """
            {"key":"bd-french","name":"French","trigger":"metric","metricId":"%s","metricValue":5,"status":"active",
             "eventAttributes":[{"attributeId":"%s","attributeValue":"french"}]}""".formatted(cards, deck));
    Thread.sleep(300);
    assertThat(keys(server.app("GET", "/users/bd-f/achievements", null).body())).doesNotContain("bd-french");
    patch(server, "{\"id\":\"" + id + "\",\"metricValue\":4}");
    var done = awaitUserAchievements(server, "bd-f", a -> keys(a).contains("bd-french"));
    assertThat(keys(done)).contains("bd-french");
  }

  @Test
  void ach16_api_achievements_are_never_backdated_and_inactive_ones_never_complete() throws Exception {
    event(server, "cards", "bd-api", "100");
    create(server, "{\"key\":\"bd-api\",\"name\":\"Api\",\"trigger\":\"api\",\"status\":\"active\"}");
    create(server, "{\"key\":\"bd-off\",\"name\":\"Off\",\"trigger\":\"metric\",\"metricId\":\"" + cards + "\",\"metricValue\":1}");
    event(server, "cards", "bd-api", "1");
    Thread.sleep(300);
    assertThat(server.app("GET", "/users/bd-api/achievements", null).body().toString()).doesNotContain("bd-api\"", "bd-off");
  }
}
