package dev.laurel.server;

import static dev.laurel.server.AchievementFixture.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin achievements (CFG-2): ADM conventions, ACH-1 and ACH-2 validation, deletion, METRIC-5, ATTR-5. */
class AchievementAdminTest {
  static TestServer server;
  static String cards;
  static String plan;
  static String deck;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    cards = AchievementFixture.metricId(server, "cards");
    plan = AchievementFixture.attribute(server, "plan", "user");
    deck = AchievementFixture.attribute(server, "deck", "event");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode issues(TestServer.Response r) {
    return r.body().path("issues");
  }

  @Test
  void cfg2_create_returns_the_admin_shape_and_defaults_to_inactive() {
    var r =
        server.admin("POST", "/achievements", """
            [{"key":"admin-first","name":"First","trigger":"metric","metricId":"%s","metricValue":2.5,
              "eventAttributes":[{"attributeId":"%s","attributeValue":"french"}],
              "userAttributes":[{"attributeId":"%s","attributeValue":"pro"}]},
             {"key":"admin-api","name":"Api","trigger":"api","status":"active","description":"d"}]"""
            .formatted(cards, deck, plan));
    assertThat(r.status()).isEqualTo(201);
    JsonNode first = r.body().path("created").get(0);
    assertThat(first.path("status").asText()).isEqualTo("inactive");
    assertThat(first.path("metricValue").decimalValue()).isEqualByComparingTo("2.5");
    assertThat(first.path("eventAttributes").toString())
        .isEqualTo("[{\"attributeId\":\"" + deck + "\",\"attributeValue\":\"french\"}]");
    assertThat(first.path("userAttributes").toString())
        .isEqualTo("[{\"attributeId\":\"" + plan + "\",\"attributeValue\":\"pro\"}]");
    assertThat(first.get("description").isNull()).isTrue();
    JsonNode api = r.body().path("created").get(1);
    assertThat(api.has("metricId")).isFalse();
    assertThat(api.has("eventAttributes")).isFalse();
    var get = server.admin("GET", "/achievements/" + first.path("id").asText(), null);
    assertThat(get.body()).isEqualTo(first);
    assertThat(server.admin("GET", "/achievements/not-a-uuid", null).error()).isEqualTo("Achievement not found");
    assertThat(server.admin("GET", "/achievements/00000000-0000-4000-8000-000000000000", null).status()).isEqualTo(404);
    assertThat(server.app("GET", "/achievements", null).body().toString()).doesNotContain("admin-first");
  }

  @Test
  void cfg2_ach1_create_issues_have_exact_messages_and_indices() {
    create(server, "{\"key\":\"taken\",\"name\":\"Taken\",\"trigger\":\"api\"}");
    var r =
        server.admin("POST", "/achievements", """
            [{"key":"taken","name":"Again","trigger":"api"},
             {"key":"bad key","name":"Bad","trigger":"api"},
             {"key":"no-trigger","name":"X"},
             {"key":"m","name":"M","trigger":"metric","metricId":"00000000-0000-4000-8000-000000000000","metricValue":1},
             {"key":"m2","name":"M","trigger":"metric","metricId":"%s","metricValue":0},
             {"key":"s","name":"S","trigger":"streak"},
             {"key":"s2","name":"S","trigger":"streak","streakLength":3,"metricId":"%s"},
             {"key":"c","name":"C","trigger":"achievement","achievementIds":[]},
             {"key":"c2","name":"C","trigger":"achievement","achievementIds":["00000000-0000-4000-8000-000000000000"]},
             {"key":"u","name":"U","trigger":"api","userAttributes":[{"attributeId":"%s","attributeValue":"x"}]},
             {"key":"b","name":"B","trigger":"api","badgeUrl":"/relative.png"},
             {"key":"st","name":"St","trigger":"api","status":"paused"},
             {"key":"ok","name":"Ok","trigger":"api"}]"""
            .formatted(cards, cards, deck));
    assertThat(r.status()).isEqualTo(201);
    String[] expected = {
      "Key already in use by another achievement",
      "key must match ^[a-zA-Z\\d-_]+$",
      "trigger must be one of metric, streak, api, achievement",
      "Metric not found by ID",
      "metricValue must be a number greater than 0",
      "streakLength is required for streak achievements",
      "metricId applies only to metric achievements",
      "achievementIds must list at least one prerequisite achievement",
      "achievementIds: Achievement not found by ID: 00000000-0000-4000-8000-000000000000",
      "userAttributes: attribute deck is not a user attribute",
      "badgeUrl must be an absolute http or https URL",
      "status must be one of inactive, active, locked",
    };
    assertThat(issues(r)).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(issues(r).get(i).path("index").asInt()).isEqualTo(i);
      assertThat(issues(r).get(i).path("severity").asText()).isEqualTo("error");
      assertThat(issues(r).get(i).path("message").asText()).isEqualTo(expected[i]);
    }
    assertThat(r.body().path("created")).hasSize(1);
    assertThat(server.admin("POST", "/achievements", "[{\"key\":\"taken\",\"name\":\"x\",\"trigger\":\"api\"}]").status())
        .isEqualTo(200);
    assertThat(server.admin("POST", "/achievements", "[]").status()).isEqualTo(422);
    assertThat(server.admin("POST", "/achievements", "{}").status()).isEqualTo(422);
  }

  @Test
  void ach1_ach2_update_checks_cycles_self_reference_and_status_transitions() {
    String a = create(server, "{\"key\":\"cy-a\",\"name\":\"A\",\"trigger\":\"api\"}");
    String b = create(server, "{\"key\":\"cy-b\",\"name\":\"B\",\"trigger\":\"achievement\",\"achievementIds\":[\"" + a + "\"]}");
    String c = create(server, "{\"key\":\"cy-c\",\"name\":\"C\",\"trigger\":\"achievement\",\"achievementIds\":[\"" + b + "\"]}");
    var r =
        server.admin("PATCH", "/achievements", """
            [{"id":"%s","achievementIds":["%s"]},
             {"id":"%s","achievementIds":["%s"]},
             {"id":"%s","status":"locked"},
             {"id":"%s","status":"active"},
             {"id":"%s","status":"inactive"},
             {"id":"00000000-0000-4000-8000-000000000000","name":"x"},
             {"name":"no id"}]"""
            .formatted(b, c, b, b, a, a, a));
    assertThat(r.status()).isEqualTo(200);
    assertThat(issues(r)).extracting(i -> i.path("message").asText())
        .containsExactly(
            "achievementIds would create a cycle: cy-b -> cy-c -> cy-b",
            "An achievement cannot be its own prerequisite",
            "status cannot change from inactive to locked (allowed: inactive to active, active to locked, locked to active)",
            "status cannot change from active to inactive (allowed: inactive to active, active to locked, locked to active)",
            "Achievement not found by ID",
            "id is required");
    assertThat(issues(r).get(0).path("id").asText()).isEqualTo(b);
    assertThat(r.body().path("updated")).hasSize(1);
    assertThat(r.body().path("updated").get(0).path("status").asText()).isEqualTo("active");
  }

  @Test
  void cfg2_update_changes_fields_keeps_the_rest_and_null_clears_description() {
    String id = create(server, "{\"key\":\"up-1\",\"name\":\"Up\",\"trigger\":\"api\",\"description\":\"old\",\"badgeUrl\":\"https://x.test/a.png\"}");
    var r = server.admin("PATCH", "/achievements", "[{\"id\":\"" + id + "\",\"name\":\"Renamed\",\"description\":null}]");
    JsonNode updated = r.body().path("updated").get(0);
    assertThat(updated.path("name").asText()).isEqualTo("Renamed");
    assertThat(updated.get("description").isNull()).isTrue();
    assertThat(updated.path("badgeUrl").asText()).isEqualTo("https://x.test/a.png");
    var trigger = server.admin("PATCH", "/achievements", "[{\"id\":\"" + id + "\",\"trigger\":\"streak\",\"streakLength\":3}]");
    assertThat(trigger.body().path("updated").get(0).path("streakLength").asInt()).isEqualTo(3);
  }

  @Test
  void cfg2_delete_hides_the_achievement_keeps_prerequisites_and_reports_issues() {
    String a = create(server, "{\"key\":\"del-a\",\"name\":\"A\",\"trigger\":\"api\",\"status\":\"active\"}");
    String b = create(server, "{\"key\":\"del-b\",\"name\":\"B\",\"trigger\":\"achievement\",\"achievementIds\":[\"" + a + "\"]}");
    assertThat(server.app("POST", "/achievements/del-a/complete", "{\"user\":{\"id\":\"del-user\"}}").status()).isEqualTo(201);
    var refused = server.admin("DELETE", "/achievements?ids=" + a + ",nope,00000000-0000-4000-8000-000000000000", null);
    assertThat(refused.status()).isEqualTo(200);
    assertThat(issues(refused)).extracting(i -> i.path("message").asText())
        .containsExactly("Achievement is a prerequisite of achievement del-b", "id must be a valid UUID", "Achievement not found by ID");
    var deleted = server.admin("DELETE", "/achievements?ids=" + b + "&ids=" + a, null);
    assertThat(deleted.body().path("deleted")).hasSize(2);
    assertThat(server.admin("GET", "/achievements/" + a, null).status()).isEqualTo(404);
    assertThat(server.app("POST", "/achievements/del-a/complete", "{\"user\":{\"id\":\"del-user\"}}").status()).isEqualTo(404);
    assertThat(server.app("GET", "/users/del-user/achievements", null).body()).isEmpty();
    // The key is free again.
    create(server, "{\"key\":\"del-a\",\"name\":\"A again\",\"trigger\":\"api\"}");
  }

  @Test
  void metric5_attr5_metrics_and_attributes_in_use_by_an_achievement_are_not_deleted() {
    server.createMetric("used");
    String used = AchievementFixture.metricId(server, "used");
    String region = AchievementFixture.attribute(server, "region", "user");
    create(server, """
        {"key":"in-use","name":"In use","trigger":"metric","metricId":"%s","metricValue":1,
         "userAttributes":[{"attributeId":"%s","attributeValue":"eu"}]}""".formatted(used, region));
    var metric = server.admin("DELETE", "/metrics?ids=" + used, null);
    assertThat(issues(metric).get(0).path("message").asText()).isEqualTo("Metric is in use by achievement in-use");
    var attribute = server.admin("DELETE", "/attributes?ids=" + region, null);
    assertThat(issues(attribute).get(0).path("message").asText()).isEqualTo("Attribute is in use by achievement in-use");
  }

  @Test
  void adm3_lists_in_creation_order_with_limit_and_skip() {
    var page = server.admin("GET", "/achievements?limit=2&skip=0", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().size()).isLessThanOrEqualTo(2);
    assertThat(server.admin("GET", "/achievements?limit=0", null).status()).isEqualTo(422);
  }

  @Test
  void auth6_application_keys_cannot_use_the_admin_achievement_endpoints() {
    String key =
        server.admin("POST", "/application-api-keys", "[{\"userId\":\"x\"}]").body().path("created").get(0).path("key").asText();
    var r = server.call("GET", "/admin/v1/achievements", key, null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).isEqualTo("Application API keys are not accepted by the admin API");
  }
}
