package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The points admin API: PTS-13..PTS-17, TRIG-16..TRIG-19, LVL-8..LVL-10, BOOST-9..BOOST-13, ADM-2..ADM-10. */
class PointsAdminTest {
  static TestServer server;
  static String cards;
  static String plan;
  static String deck;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    cards = server.admin("GET", "/metrics", null).body().get(0).path("id").asText();
    var attrs = server.admin("POST", "/attributes",
        "[{\"key\":\"plan\",\"name\":\"Plan\",\"type\":\"user\"},{\"key\":\"deck\",\"name\":\"Deck\",\"type\":\"event\"}]").body();
    plan = attrs.path("created").get(0).path("id").asText();
    deck = attrs.path("created").get(1).path("id").asText();
    server.app("PUT", "/users/known", "{}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String system(String key) {
    var r = server.admin("POST", "/points", "[{\"name\":\"" + key + "\",\"key\":\"" + key + "\"}]");
    assertThat(r.status()).isEqualTo(201);
    return r.body().path("created").get(0).path("id").asText();
  }

  private static List<String> messages(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("issues").forEach(i -> out.add(i.path("message").asText()));
    return out;
  }

  @Test
  void pts14_pts13_a_system_is_created_with_its_nested_objects_and_admin_shapes() {
    var r = server.admin("POST", "/points", """
        [{"name": "XP", "key": "xp-nested", "maxPoints": 1000,
          "levels": [{"name": "Silver", "key": "silver", "points": 100}, {"name": "Bronze", "key": "bronze", "points": 0}],
          "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 10, "points": 5, "status": "active",
                        "eventAttributes": [{"attributeId": "%s", "attributeValue": "fr"}]},
                       {"type": "user_creation", "points": 100}]}]
        """.formatted(cards, deck));
    assertThat(r.status()).isEqualTo(201);
    JsonNode xp = r.body().path("created").get(0);
    assertThat(xp.path("description").asText()).isEqualTo("");
    assertThat(xp.path("status").asText()).isEqualTo("active");
    assertThat(xp.get("badge").isNull()).isTrue();
    assertThat(xp.path("maxPoints").asLong()).isEqualTo(1000);
    assertThat(xp.has("boosts")).isFalse(); // only the kinds supplied
    assertThat(xp.path("levels")).extracting(l -> l.path("key").asText()).containsExactly("bronze", "silver");
    JsonNode metric = xp.path("triggers").get(0);
    assertThat(metric.path("status").asText()).isEqualTo("active");
    assertThat(metric.path("metricId").asText()).isEqualTo(cards);
    assertThat(metric.path("eventAttributes").get(0).path("attributeId").asText()).isEqualTo(deck);
    assertThat(metric.path("userAttributes").isArray()).isTrue();
    assertThat(metric.path("blockIfOutOfPoints").asBoolean(true)).isFalse();
    JsonNode creation = xp.path("triggers").get(1);
    assertThat(creation.path("status").asText()).isEqualTo("inactive"); // TRIG-2
    assertThat(creation.has("eventAttributes")).isFalse(); // TRIG-19
    assertThat(creation.has("metricId")).isFalse();
    String id = xp.path("id").asText();
    assertThat(server.admin("GET", "/points/" + id, null).body().path("key").asText()).isEqualTo("xp-nested");
    assertThat(server.admin("GET", "/points/" + id + "/triggers", null).body()).hasSize(2);
  }

  @Test
  void pts14_a_nested_failure_is_one_issue_for_the_system_and_nothing_is_created() {
    var r = server.admin("POST", "/points", """
        [{"name": "Gems", "key": "gems-broken",
          "triggers": [{"type": "streak", "streakLength": 7, "points": 5}, {"type": "metric", "points": 5, "metricThreshold": 1}]},
         {"name": "Bad", "key": "bad key"}]
        """);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("created")).isEmpty();
    assertThat(r.body().path("issues").get(0).path("index").asInt()).isZero();
    assertThat(messages(r.body()))
        .containsExactly("triggers[1]: metricId is required for metric triggers", "key must match ^[a-zA-Z\\d-_]+$");
    var all = server.admin("GET", "/points?limit=100", null).body();
    all.forEach(s -> assertThat(s.path("key").asText()).isNotEqualTo("gems-broken"));
  }

  @Test
  void pts1_adm4_a_key_in_use_is_refused_even_within_one_request() {
    var r = server.admin("POST", "/points", "[{\"name\":\"A\",\"key\":\"dup\"},{\"name\":\"B\",\"key\":\"dup\"}]");
    assertThat(r.status()).isEqualTo(201);
    assertThat(messages(r.body())).containsExactly("Key already in use by another points system");
    assertThat(r.body().path("issues").get(0).path("index").asInt()).isEqualTo(1);
  }

  @Test
  void pts15_gen6_update_null_removes_badge_and_maximum_but_leaves_description() {
    var created = server.admin("POST", "/points", """
        [{"name": "Upd", "key": "upd", "description": "Desc", "badge": {"url": "https://x.test/b.png"}, "maxPoints": 50}]
        """).body().path("created").get(0);
    assertThat(created.path("badge").path("url").asText()).isEqualTo("https://x.test/b.png");
    String id = created.path("id").asText();
    var r = server.admin("PATCH", "/points",
        "[{\"id\":\"" + id + "\",\"badge\":null,\"maxPoints\":null,\"description\":null,\"name\":\"Renamed\"},"
            + "{\"id\":\"00000000-0000-4000-8000-000000000000\",\"name\":\"x\"}]");
    assertThat(r.status()).isEqualTo(200);
    JsonNode updated = r.body().path("updated").get(0);
    assertThat(updated.get("badge").isNull()).isTrue();
    assertThat(updated.get("maxPoints").isNull()).isTrue();
    assertThat(updated.path("description").asText()).isEqualTo("Desc");
    assertThat(updated.path("name").asText()).isEqualTo("Renamed");
    assertThat(messages(r.body())).containsExactly("Points system not found by ID");
    assertThat(r.body().path("issues").get(0).path("id").asText()).isEqualTo("00000000-0000-4000-8000-000000000000");
  }

  @Test
  void pts16_adm6_deleted_systems_disappear_and_free_their_key() {
    String id = system("gone");
    var r = server.admin("DELETE", "/points?ids=" + id + "&ids=nope", null);
    assertThat(r.body().path("deleted").get(0).path("id").asText()).isEqualTo(id);
    assertThat(messages(r.body())).containsExactly("id must be a valid UUID");
    assertThat(server.admin("DELETE", "/points?ids=" + id, null).body().path("issues").get(0).path("message").asText())
        .isEqualTo("Points system not found by ID");
    var get = server.admin("GET", "/points/" + id, null);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.error()).isEqualTo("Points system not found");
    assertThat(server.app("GET", "/points/gone", null).status()).isEqualTo(404);
    assertThat(server.admin("GET", "/points/" + id + "/levels", null).error()).isEqualTo("Points system not found");
    system("gone");
  }

  @Test
  void adm7_an_unknown_or_malformed_system_id_is_404_before_the_body() {
    for (String path : List.of("/points/not-a-uuid/triggers", "/points/00000000-0000-4000-8000-000000000000/levels",
        "/points/00000000-0000-4000-8000-000000000000/boosts")) {
      var r = server.admin("POST", path, "this is not json");
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.error()).isEqualTo("Points system not found");
    }
    assertThat(server.admin("GET", "/points/not-a-uuid", null).status()).isEqualTo(404);
  }

  @Test
  void adm2_adm3_bodies_and_pages() {
    String id = system("paged");
    assertThat(server.admin("POST", "/points/" + id + "/levels", "[]").status()).isEqualTo(422);
    assertThat(server.admin("POST", "/points/" + id + "/levels", "{}").status()).isEqualTo(422);
    assertThat(server.admin("GET", "/points?limit=0", null).status()).isEqualTo(422);
    assertThat(server.admin("GET", "/points?limit=1&skip=0", null).body()).hasSize(1);
  }

  @Test
  void trig16_trigger_issues_name_what_to_fix() {
    String id = system("trig-issues");
    var r = server.admin("POST", "/points/" + id + "/triggers", """
        [{"type": "bonus", "points": 1},
         {"type": "metric", "points": 0, "metricId": "%1$s", "metricThreshold": 1},
         {"type": "metric", "points": 1.5, "metricId": "%1$s", "metricThreshold": 1},
         {"type": "metric", "points": 1, "metricThreshold": 1},
         {"type": "streak", "points": 1, "streakLength": 7, "eventAttributes": []},
         {"type": "time", "points": 1, "timeUnit": "weeks", "timeInterval": 1},
         {"type": "time", "points": 1, "timeUnit": "days"},
         {"type": "metric", "points": 1, "metricId": "00000000-0000-4000-8000-000000000000", "metricThreshold": 1},
         {"type": "metric", "points": 1, "metricId": "%1$s", "metricThreshold": 0},
         {"type": "metric", "points": 1, "metricId": "%1$s", "metricThreshold": 2, "eventAttributes": [{"attributeId": "%2$s", "attributeValue": "x"}]},
         {"type": "streak", "points": 1, "streakLength": 3, "userAttributes": [{"attributeId": "%3$s", "attributeValue": "x"}]},
         {"type": "achievement", "points": 1, "achievementId": "00000000-0000-4000-8000-000000000000"},
         {"type": "streak", "points": -3, "streakLength": 7, "userAttributes": [{"attributeId": "%2$s", "attributeValue": "pro"}], "status": "active"}]
        """.formatted(cards, plan, deck));
    assertThat(r.status()).isEqualTo(201);
    assertThat(messages(r.body())).containsExactly(
        "type must be one of metric, achievement, streak, time, user_creation",
        "points must be a non-zero integer",
        "points must be a non-zero integer",
        "metricId is required for metric triggers",
        "eventAttributes is not permitted for streak triggers",
        "timeUnit must be one of hours, days",
        "timeInterval is required for time triggers",
        "Metric not found by ID",
        "metricThreshold must be an integer >= 1",
        "Attribute plan is not an event attribute",
        "Attribute deck is not a user attribute",
        "Achievement not found by ID");
    JsonNode created = r.body().path("created").get(0);
    assertThat(created.path("points").asInt()).isEqualTo(-3);
    assertThat(created.path("streakLength").asInt()).isEqualTo(7);
    assertThat(created.path("userAttributes").get(0).path("attributeValue").asText()).isEqualTo("pro");
  }

  @Test
  void trig17_trig18_trig19_update_type_lock_clearing_filters_and_delete() {
    String id = system("trig-upd");
    var created = server.admin("POST", "/points/" + id + "/triggers", """
        [{"type": "metric", "points": 5, "metricId": "%s", "metricThreshold": 2, "status": "active",
          "userAttributes": [{"attributeId": "%s", "attributeValue": "pro"}]},
         {"type": "streak", "points": 5, "streakLength": 3}]
        """.formatted(cards, plan)).body().path("created");
    String metric = created.get(0).path("id").asText();
    String streak = created.get(1).path("id").asText();
    var r = server.admin("PATCH", "/points/" + id + "/triggers", """
        [{"id": "%1$s", "type": "streak", "streakLength": 2},
         {"id": "%1$s", "userAttributes": null, "metricThreshold": 4, "points": null},
         {"id": "%2$s", "type": "time", "timeUnit": "hours"},
         {"id": "%2$s", "type": "time", "timeUnit": "hours", "timeInterval": 6, "streakLength": 3},
         {"id": "%2$s", "type": "time", "timeUnit": "hours", "timeInterval": 6},
         {"id": "00000000-0000-4000-8000-000000000000", "points": 1}]
        """.formatted(metric, streak));
    assertThat(messages(r.body())).containsExactly(
        "type is locked while the trigger is active",
        "timeInterval is required for time triggers",
        "streakLength is not permitted for time triggers",
        "Points trigger not found by ID");
    JsonNode updated = r.body().path("updated");
    assertThat(updated.get(0).path("userAttributes")).isEmpty();
    assertThat(updated.get(0).path("metricThreshold").asInt()).isEqualTo(4);
    assertThat(updated.get(0).path("points").asInt()).isEqualTo(5);
    assertThat(updated.get(1).path("type").asText()).isEqualTo("time");
    assertThat(updated.get(1).has("streakLength")).isFalse();
    assertThat(updated.get(1).path("timeUnit").asText()).isEqualTo("hours");
    var deleted = server.admin("DELETE", "/points/" + id + "/triggers?ids=" + metric, null);
    assertThat(deleted.body().path("deleted").get(0).path("id").asText()).isEqualTo(metric);
    assertThat(server.admin("GET", "/points/" + id + "/triggers", null).body()).hasSize(1);
    var get = server.admin("GET", "/points/" + id + "/triggers/" + metric, null);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.error()).isEqualTo("Points trigger not found");
    assertThat(server.admin("GET", "/points/" + id + "/triggers/" + streak, null).body().path("timeInterval").asInt()).isEqualTo(6);
  }

  @Test
  void lvl8_lvl9_lvl10_levels() {
    String id = system("levels");
    var r = server.admin("POST", "/points/" + id + "/levels", """
        [{"name": "Gold", "key": "gold", "points": 500, "description": "Top", "badge": {"url": "https://x.test/g.png"}},
         {"name": "Bronze", "key": "bronze", "points": 0},
         {"name": "Gold again", "key": "gold", "points": 900},
         {"name": "Other", "key": "other", "points": 500},
         {"name": "Neg", "key": "neg", "points": -1}]
        """);
    assertThat(r.status()).isEqualTo(201);
    assertThat(messages(r.body())).containsExactly(
        "Key already in use by another level", "Points threshold already used by another level", "points must be an integer >= 0");
    var list = server.admin("GET", "/points/" + id + "/levels", null).body();
    assertThat(list).extracting(l -> l.path("key").asText()).containsExactly("bronze", "gold");
    assertThat(list.get(0).path("description").asText()).isEqualTo("");
    String gold = list.get(1).path("id").asText();
    var u = server.admin("PATCH", "/points/" + id + "/levels",
        "[{\"id\":\"" + gold + "\",\"badge\":null,\"points\":0},{\"id\":\"" + gold + "\",\"badge\":null,\"key\":\"ignored\",\"points\":400}]");
    assertThat(messages(u.body())).containsExactly("Points threshold already used by another level");
    JsonNode level = u.body().path("updated").get(0);
    assertThat(level.get("badge").isNull()).isTrue();
    assertThat(level.path("key").asText()).isEqualTo("gold");
    assertThat(level.path("points").asInt()).isEqualTo(400);
    assertThat(server.admin("DELETE", "/points/" + id + "/levels?ids=" + gold, null).body().path("deleted")).hasSize(1);
    assertThat(server.admin("GET", "/points/" + id + "/levels/" + gold, null).error()).isEqualTo("Level not found");
    assertThat(server.admin("DELETE", "/points/" + id + "/levels?ids=" + gold, null).body().path("issues").get(0).path("message").asText())
        .isEqualTo("Level not found by ID");
  }

  @Test
  void boost9_to_boost13_boosts() {
    String id = system("boosts");
    String longName = "n".repeat(256);
    var r = server.admin("POST", "/points/" + id + "/boosts", """
        [{"name": "Double", "start": "2025-01-01", "end": "2025-01-31", "multiplier": 2, "userAttributes": [{"attributeId": "%1$s", "attributeValue": "pro"}]},
         {"name": "Mine", "start": "2025-01-01", "multiplier": 1.5, "rounding": "nearest", "userId": "known"},
         {"name": "Ghost", "start": "2025-01-01", "multiplier": 2, "userId": "nobody"},
         {"name": "Both", "start": "2025-01-01", "multiplier": 2, "userId": "known", "userAttributes": [{"attributeId": "%1$s", "attributeValue": "pro"}]},
         {"name": "One", "start": "2025-01-01", "multiplier": 1},
         {"name": "Big", "start": "2025-01-01", "multiplier": 100},
         {"name": "Zero", "start": "2025-01-01", "multiplier": 0},
         {"name": "Back", "start": "2025-02-01", "end": "2025-01-01", "multiplier": 2},
         {"name": "%2$s", "start": "2025-01-01", "multiplier": 2},
         {"name": "Bad date", "start": "01/02/2025", "multiplier": 2},
         {"name": "Round", "start": "2025-01-01", "multiplier": 2, "rounding": "half"}]
        """.formatted(plan, longName));
    assertThat(r.status()).isEqualTo(201);
    assertThat(messages(r.body())).containsExactly(
        "User does not exist",
        "userAttributes cannot be set on a user-specific boost",
        "multiplier must be > 0, < 100 and ≠ 1",
        "multiplier must be > 0, < 100 and ≠ 1",
        "multiplier must be > 0, < 100 and ≠ 1",
        "end precedes start",
        "name must be at most 255 characters",
        "start must be a date in YYYY-MM-DD format",
        "rounding must be one of down, up, nearest");
    JsonNode global = r.body().path("created").get(0);
    assertThat(global.path("status").asText()).isEqualTo("finished");
    assertThat(global.get("userId").isNull()).isTrue();
    assertThat(global.path("userAttributes").get(0).path("attributeId").asText()).isEqualTo(plan);
    assertThat(global.path("rounding").asText()).isEqualTo("down");
    JsonNode mine = r.body().path("created").get(1);
    assertThat(mine.has("userAttributes")).isFalse(); // BOOST-10
    assertThat(mine.get("end").isNull()).isTrue();
    assertThat(mine.path("multiplier").decimalValue()).isEqualByComparingTo("1.5");
    var u = server.admin("PATCH", "/points/" + id + "/boosts", """
        [{"id": "%1$s", "end": null, "userAttributes": null},
         {"id": "%2$s", "userAttributes": [{"attributeId": "%3$s", "attributeValue": "pro"}]},
         {"id": "00000000-0000-4000-8000-000000000000", "name": "x"}]
        """.formatted(global.path("id").asText(), mine.path("id").asText(), plan));
    assertThat(messages(u.body())).containsExactly("userAttributes cannot be set on a user-specific boost", "Points boost not found by ID");
    assertThat(u.body().path("issues").get(1).path("boostId").asText()).isEqualTo("00000000-0000-4000-8000-000000000000");
    JsonNode open = u.body().path("updated").get(0);
    assertThat(open.get("end").isNull()).isTrue();
    assertThat(open.path("status").asText()).isEqualTo("active");
    assertThat(open.path("userAttributes")).isEmpty();
    assertThat(server.admin("GET", "/points/" + id + "/boosts", null).body()).hasSize(2);
    assertThat(server.admin("DELETE", "/points/" + id + "/boosts", null).status()).isEqualTo(422);
    server.admin("DELETE", "/points/" + id + "/boosts?ids=" + mine.path("id").asText(), null);
    assertThat(server.admin("GET", "/points/" + id + "/boosts/" + mine.path("id").asText(), null).error()).isEqualTo("Points boost not found");
  }

  @Test
  void metric5_attr5_metrics_and_attributes_referenced_by_points_are_not_deleted() {
    server.createMetric("guarded");
    var metrics = server.admin("GET", "/metrics?limit=100", null).body();
    String guarded = "";
    for (JsonNode m : metrics) {
      if (m.path("key").asText().equals("guarded")) {
        guarded = m.path("id").asText();
      }
    }
    String boostAttr = server.admin("POST", "/attributes", "[{\"key\":\"tier\",\"name\":\"Tier\",\"type\":\"user\"}]")
        .body().path("created").get(0).path("id").asText();
    String id = system("guards");
    var t = server.admin("POST", "/points/" + id + "/triggers",
        "[{\"type\":\"metric\",\"points\":1,\"metricId\":\"" + guarded + "\",\"metricThreshold\":1}]").body().path("created").get(0);
    String b = server.admin("POST", "/points/" + id + "/boosts",
        "[{\"name\":\"T\",\"start\":\"2025-01-01\",\"multiplier\":2,\"userAttributes\":[{\"attributeId\":\"" + boostAttr + "\",\"attributeValue\":\"x\"}]}]")
        .body().path("created").get(0).path("id").asText();
    assertThat(server.admin("DELETE", "/metrics?ids=" + guarded, null).body().path("issues").get(0).path("message").asText())
        .isEqualTo("Metric is in use by points trigger " + t.path("id").asText());
    assertThat(server.admin("DELETE", "/attributes?ids=" + boostAttr, null).body().path("issues").get(0).path("message").asText())
        .isEqualTo("Attribute is in use by points boost " + b);
    server.admin("DELETE", "/points/" + id + "/triggers?ids=" + t.path("id").asText(), null);
    assertThat(server.admin("DELETE", "/metrics?ids=" + guarded, null).body().path("deleted")).hasSize(1);
  }
}
