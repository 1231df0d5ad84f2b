package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.create;
import static dev.laurel.server.AchievementFixture.event;
import static dev.laurel.server.AchievementFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application API of achievements: ACH-3, ACH-4, ACH-8, ACH-11, ACH-12, ACH-14, ACH-15, ACH-18, METRIC-9. */
class AchievementApiTest {
  static TestServer server;
  static String plan;
  static String deck;
  static String cards;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    server.createMetric("quizzes");
    cards = AchievementFixture.metricId(server, "cards");
    plan = AchievementFixture.attribute(server, "plan", "user");
    deck = AchievementFixture.attribute(server, "deck", "event");
    String ten = create(server, metric("cards-10", 10, "active"));
    String five = create(server, metric("cards-5", 5, "active"));
    create(server, metric("cards-50", 50, "active"));
    create(server, """
        {"key":"french-3","name":"French 3","trigger":"metric","metricId":"%s","metricValue":3,"status":"active",
         "eventAttributes":[{"attributeId":"%s","attributeValue":"french"}]}""".formatted(cards, deck));
    create(server, metric("cards-draft", 1, "inactive"));
    String retired = create(server, metric("cards-retired", 1, "active"));
    AchievementFixture.patch(server, "{\"id\":\"" + retired + "\",\"status\":\"locked\"}");
    String onboarding = create(server, """
        {"key":"onboarding","name":"Onboarding","description":"Finish onboarding","badgeUrl":"https://example.test/b.png",
         "trigger":"api","status":"active"}""");
    create(server, """
        {"key":"pro-welcome","name":"Pro welcome","trigger":"api","status":"active",
         "userAttributes":[{"attributeId":"%s","attributeValue":"pro"}]}""".formatted(plan));
    create(server, "{\"key\":\"api-draft\",\"name\":\"Draft\",\"trigger\":\"api\"}");
    String apiRetired = create(server, "{\"key\":\"api-retired\",\"name\":\"Retired\",\"trigger\":\"api\",\"status\":\"active\"}");
    AchievementFixture.patch(server, "{\"id\":\"" + apiRetired + "\",\"status\":\"locked\"}");
    create(server, "{\"key\":\"week\",\"name\":\"Week\",\"trigger\":\"streak\",\"streakLength\":7,\"status\":\"active\"}");
    create(server, """
        {"key":"starter","name":"Starter","trigger":"achievement","achievementIds":["%s","%s"],"status":"active"}"""
        .formatted(five, ten));
    create(server, """
        {"key":"graduate","name":"Graduate","trigger":"achievement","achievementIds":["%s"],"status":"active"}"""
        .formatted(onboarding));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String metric(String key, int value, String status) {
    return "{\"key\":\"%s\",\"name\":\"%s\",\"trigger\":\"metric\",\"metricId\":\"%s\",\"metricValue\":%d,\"status\":\"%s\"}"
        .formatted(key, key, cards, value, status);
  }

  private static TestServer.Response complete(String key, String userJson) {
    return server.app("POST", "/achievements/" + key + "/complete", "{\"user\":" + userJson + "}");
  }

  private static JsonNode find(JsonNode array, String key) {
    for (JsonNode a : array) {
      if (a.path("key").asText().equals(key)) {
        return a;
      }
    }
    return null;
  }

  @Test
  void ach14_ach3_lists_only_active_achievements_in_creation_order() {
    var r = server.app("GET", "/achievements", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(keys(r.body()))
        .containsExactly("cards-10", "cards-5", "cards-50", "french-3", "onboarding", "pro-welcome", "week", "starter", "graduate");
  }

  @Test
  void ach4_fields_are_present_per_trigger_and_omitted_otherwise() {
    JsonNode all = server.app("GET", "/achievements", null).body();
    JsonNode french = find(all, "french-3");
    assertThat(french.path("metricId").asText()).isEqualTo(cards);
    assertThat(french.path("metricValue").isIntegralNumber()).isTrue();
    assertThat(french.path("metricName").asText()).isEqualTo("cards");
    assertThat(french.path("eventAttributes").toString()).isEqualTo("[{\"key\":\"deck\",\"value\":\"french\"}]");
    assertThat(french.path("eventAttribute").toString()).isEqualTo("{\"key\":\"deck\",\"value\":\"french\"}");
    assertThat(french.path("userAttributes").toString()).isEqualTo("[]");
    assertThat(french.get("description").isNull()).isTrue();
    assertThat(french.get("badgeUrl").isNull()).isTrue();
    assertThat(french.has("streakLength")).isFalse();
    JsonNode ten = find(all, "cards-10");
    assertThat(ten.has("eventAttribute")).isFalse();
    assertThat(ten.path("eventAttributes").toString()).isEqualTo("[]");
    JsonNode onboarding = find(all, "onboarding");
    assertThat(onboarding.path("trigger").asText()).isEqualTo("api");
    assertThat(onboarding.path("description").asText()).isEqualTo("Finish onboarding");
    assertThat(onboarding.path("badgeUrl").asText()).isEqualTo("https://example.test/b.png");
    assertThat(onboarding.has("metricId")).isFalse();
    assertThat(onboarding.has("eventAttributes")).isFalse();
    assertThat(onboarding.has("achievementIds")).isFalse();
    assertThat(find(all, "week").path("streakLength").asInt()).isEqualTo(7);
    assertThat(find(all, "week").has("metricValue")).isFalse();
    assertThat(find(all, "starter").path("achievementIds")).hasSize(2);
    assertThat(find(all, "pro-welcome").path("userAttributes").toString()).isEqualTo("[{\"key\":\"plan\",\"value\":\"pro\"}]");
    assertThat(onboarding.has("completions")).isTrue();
    assertThat(onboarding.has("rarity")).isTrue();
  }

  @Test
  void ach14_attr10_the_user_attributes_filter_keeps_achievements_the_attributes_satisfy() {
    var pro = server.app("GET", "/achievements?userAttributes=plan:pro", null);
    assertThat(keys(pro.body())).contains("pro-welcome", "onboarding");
    var free = server.app("GET", "/achievements?userAttributes=plan:free", null);
    assertThat(keys(free.body())).doesNotContain("pro-welcome").contains("onboarding");
    var malformed = server.app("GET", "/achievements?userAttributes=plan", null);
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.error()).isEqualTo("userAttributes must be key:value pairs separated by commas, got \"plan\"");
    var unknown = server.app("GET", "/achievements?userAttributes=plan:pro,tier:gold", null);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.error()).isEqualTo("Invalid attribute keys: tier. Define these attributes before using them.");
  }

  @Test
  void ach11_completing_an_api_achievement_creates_the_user_and_answers_201() {
    var r = complete("onboarding", "{\"id\":\"api-1\",\"name\":\"Ada\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().path("completionId").asText()).matches("[0-9a-f-]{36}");
    JsonNode a = r.body().path("achievement");
    assertThat(a.path("key").asText()).isEqualTo("onboarding");
    assertThat(a.path("achievedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(a.has("completions")).isFalse();
    assertThat(r.body().path("points").toString()).isEqualTo("{}");
    assertThat(server.app("GET", "/users/api-1", null).body().path("name").asText()).isEqualTo("Ada");
    // ACH-8: the composite on onboarding completed in the same call, without being listed.
    JsonNode mine = server.app("GET", "/users/api-1/achievements", null).body();
    assertThat(keys(mine)).containsExactly("onboarding", "graduate");
  }

  @Test
  void ach12_a_repeat_answers_201_with_the_original_completion() {
    var first = complete("onboarding", "{\"id\":\"api-2\"}");
    var again = complete("onboarding", "{\"id\":\"api-2\",\"name\":\"Changed\"}");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().path("completionId").asText()).isEqualTo(first.body().path("completionId").asText());
    assertThat(again.body().path("achievement").path("achievedAt").asText())
        .isEqualTo(first.body().path("achievement").path("achievedAt").asText());
    assertThat(again.body().path("points").toString()).isEqualTo("{}");
    assertThat(server.app("GET", "/users/api-2", null).body().path("name").isNull()).isTrue();
  }

  @Test
  void ach11_refusals_have_exact_messages_and_leave_no_trace() {
    String[][] cases = {
      {"nope", "404", "Achievement not found"},
      {"api-draft", "404", "Achievement not found"},
      {"cards-10", "422", "Achievement cards-10 is not an API achievement"},
      {"api-retired", "422", "Achievement api-retired is locked"},
      {"pro-welcome", "422", "User does not meet the requirements of achievement pro-welcome"},
    };
    for (String[] c : cases) {
      var r = complete(c[0], "{\"id\":\"refused\",\"attributes\":{\"plan\":\"free\"}}");
      assertThat(r.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(r.error()).as(c[0]).isEqualTo(c[2]);
    }
    assertThat(server.app("GET", "/users/refused", null).status()).isEqualTo(404);
    var ok = complete("pro-welcome", "{\"id\":\"refused\",\"attributes\":{\"plan\":\"pro\"}}");
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void ach11_shape_and_user_fields_are_checked_first() {
    var noUser = server.app("POST", "/achievements/onboarding/complete", "{}");
    assertThat(noUser.status()).isEqualTo(422);
    assertThat(noUser.error()).isEqualTo("user must be an object with a string id");
    var badTz = complete("nope", "{\"id\":\"tz-user\",\"tz\":\"Mars/Base\"}");
    assertThat(badTz.status()).isEqualTo(422);
    assertThat(badTz.error()).isEqualTo("Invalid timezone: Mars/Base");
  }

  @Test
  void auth7_an_application_key_completes_only_for_its_own_user_and_may_list_achievements() {
    String key =
        server.admin("POST", "/application-api-keys", "[{\"userId\":\"keyed\"}]").body().path("created").get(0).path("key").asText();
    var other = server.call("POST", "/v1/achievements/onboarding/complete", key, "{\"user\":{\"id\":\"someone\"}}");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo("This API key is not authorised for user someone");
    assertThat(server.call("POST", "/v1/achievements/onboarding/complete", key, "{\"user\":{\"id\":\"keyed\"}}").status())
        .isEqualTo(201);
    assertThat(server.call("GET", "/v1/achievements", key, null).status()).isEqualTo(200);
    assertThat(server.call("GET", "/v1/users/someone/achievements", key, null).status()).isEqualTo(403);
  }

  @Test
  void ach18_one_event_lists_the_tiers_it_passes_then_the_composite() {
    var r = event(server, "cards", "ev-1", "20");
    assertThat(r.status()).isEqualTo(201);
    assertThat(keys(r.body().path("achievements"))).containsExactly("cards-5", "cards-10", "starter");
    JsonNode first = r.body().path("achievements").get(0);
    assertThat(first.path("achievedAt").asText()).isNotEmpty();
    assertThat(first.has("rarity")).isFalse();
    assertThat(keys(event(server, "cards", "ev-1", "40").body().path("achievements"))).containsExactly("cards-50");
    assertThat(event(server, "cards", "ev-1", "40").body().path("achievements")).isEmpty();
  }

  @Test
  void ach6_event_attribute_filters_count_only_matching_events() {
    String french = "{\"user\":{\"id\":\"deck-1\"},\"value\":2,\"attributes\":{\"deck\":\"french\"}}";
    String german = "{\"user\":{\"id\":\"deck-1\"},\"value\":2,\"attributes\":{\"deck\":\"german\"}}";
    assertThat(keys(server.app("POST", "/metrics/cards/event", french).body().path("achievements"))).doesNotContain("french-3");
    assertThat(keys(server.app("POST", "/metrics/cards/event", german).body().path("achievements"))).doesNotContain("french-3");
    assertThat(keys(server.app("POST", "/metrics/cards/event", french).body().path("achievements"))).contains("french-3");
  }

  @Test
  void ach15_a_users_achievements_by_completion_time_then_the_open_ones() {
    assertThat(server.app("GET", "/users/nobody/achievements", null).status()).isEqualTo(404);
    event(server, "cards", "list-1", "5");
    complete("onboarding", "{\"id\":\"list-1\"}");
    JsonNode done = server.app("GET", "/users/list-1/achievements", null).body();
    assertThat(keys(done)).containsExactly("cards-5", "onboarding", "graduate");
    assertThat(done.get(0).has("completions")).isTrue();
    JsonNode all = server.app("GET", "/users/list-1/achievements?includeIncomplete=TRUE", null).body();
    assertThat(keys(all))
        .containsExactly("cards-5", "onboarding", "graduate", "cards-10", "cards-50", "french-3", "week", "starter");
    assertThat(all.get(3).get("achievedAt").isNull()).isTrue();
    assertThat(keys(server.app("GET", "/users/list-1/achievements?includeIncomplete=yes", null).body())).hasSize(3);
  }

  @Test
  void metric9_metric_responses_list_the_metrics_achievements_with_progress() {
    event(server, "cards", "metric-1", "7");
    JsonNode m = server.app("GET", "/users/metric-1/metrics/cards", null).body();
    assertThat(keys(m.path("achievements"))).containsExactly("french-3", "cards-5", "cards-10", "cards-50");
    assertThat(m.path("achievements").get(1).path("achievedAt").isTextual()).isTrue();
    assertThat(m.path("achievements").get(2).get("achievedAt").isNull()).isTrue();
    JsonNode quizzes = server.app("GET", "/users/metric-1/metrics/quizzes", null).body();
    assertThat(quizzes.path("achievements")).isEmpty();
  }

  @Test
  void ach5_profile_and_preference_writes_between_events_keep_the_users_completions() {
    assertThat(keys(event(server, "cards", "kept-1", "6").body().path("achievements"))).containsExactly("cards-5");
    assertThat(server.app("PATCH", "/users/kept-1", "{\"name\":\"Kept\"}").status()).isEqualTo(200);
    assertThat(server.app("PATCH", "/users/kept-1/preferences", "{\"notifications\":{\"recap\":[\"email\"]}}").status())
        .isEqualTo(200);
    var next = event(server, "cards", "kept-1", "1");
    assertThat(next.status()).isEqualTo(201);
    assertThat(next.body().path("achievements")).isEmpty();
    assertThat(keys(server.app("GET", "/users/kept-1/achievements", null).body())).containsExactly("cards-5");
  }
}
