package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Points through the application API: the seeds' XP guide end to end (XP for flashcards flipped),
 * EVENT-4/EVENT-5 points, PTS-9..PTS-12, TRIG-12, TRIG-14, BOOST-14/15, LVL-5, LVL-11/12.
 */
class PointsEventTest {
  static TestServer server;
  static String flashcards;
  static String xpId;
  static String plan;

  @BeforeAll
  static void start() {
    server = new TestServer();
    var m = server.admin("POST", "/metrics", "[{\"key\":\"flashcards-flipped\",\"name\":\"Flashcards Flipped\"}]");
    flashcards = m.body().path("created").get(0).path("id").asText();
    plan = server.admin("POST", "/attributes", "[{\"key\":\"plan\",\"name\":\"Plan\",\"type\":\"user\"}]")
        .body().path("created").get(0).path("id").asText();
    var xp = server.admin("POST", "/points", """
        [{"name": "XP", "key": "xp",
          "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 100, "points": 50, "status": "active"}],
          "levels": [{"name": "Novice", "key": "novice", "points": 0}, {"name": "Scholar", "key": "scholar", "points": 400}]}]
        """.formatted(flashcards));
    xpId = xp.body().path("created").get(0).path("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TestServer.Response event(String user, String value) {
    return server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\":" + user + ",\"value\":" + value + "}");
  }

  @Test
  void xp_guide_xp_for_flashcards_flipped_end_to_end() {
    String user = "{\"id\":\"18\",\"email\":\"user@example.com\",\"tz\":\"Europe/London\"}";
    var first = event(user, "150");
    assertThat(first.status()).isEqualTo(201);
    JsonNode xp = first.body().path("points").path("xp");
    assertThat(xp.path("id").asText()).isEqualTo(xpId);
    assertThat(xp.path("key").asText()).isEqualTo("xp");
    assertThat(xp.path("name").asText()).isEqualTo("XP");
    assertThat(xp.get("description").isNull()).isTrue(); // PTS-13
    assertThat(xp.get("badgeUrl").isNull()).isTrue();
    assertThat(xp.get("maxPoints").isNull()).isTrue();
    assertThat(xp.path("total").asLong()).isEqualTo(50);
    assertThat(xp.path("added").asLong()).isEqualTo(50);
    assertThat(xp.has("level")).isFalse(); // LVL-5: novice before and after
    JsonNode award = xp.path("awards").get(0);
    assertThat(award.path("awarded").asLong()).isEqualTo(50);
    assertThat(award.path("total").asLong()).isEqualTo(50);
    assertThat(award.path("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(award.has("boosts")).isFalse();
    JsonNode trigger = award.path("trigger");
    assertThat(trigger.path("type").asText()).isEqualTo("metric");
    assertThat(trigger.path("metricName").asText()).isEqualTo("Flashcards Flipped");
    assertThat(trigger.path("metricThreshold").asInt()).isEqualTo(100);
    assertThat(trigger.path("points").asInt()).isEqualTo(50);
    assertThat(trigger.path("created").asText()).endsWith("Z");
    // PTS-4: 750 more cards (A = 900) cross 100 eight more times at once: one award of 8 × 50 = 400
    var second = event(user, "750");
    xp = second.body().path("points").path("xp");
    assertThat(second.body().path("total").asInt()).isEqualTo(900);
    assertThat(xp.path("awards")).hasSize(1);
    assertThat(xp.path("awards").get(0).path("awarded").asLong()).isEqualTo(400);
    assertThat(xp.path("total").asLong()).isEqualTo(450);
    assertThat(xp.path("level").path("key").asText()).isEqualTo("scholar"); // LVL-3, LVL-5
    // displaying user XP (PTS-10): newest first, `awards` bounds the list
    var points = server.app("GET", "/users/18/points/xp?awards=1", null);
    assertThat(points.status()).isEqualTo(200);
    assertThat(points.body().path("total").asLong()).isEqualTo(450);
    assertThat(points.body().path("level").path("key").asText()).isEqualTo("scholar");
    assertThat(points.body().path("awards")).hasSize(1);
    assertThat(points.body().path("awards").get(0).path("awarded").asLong()).isEqualTo(400);
    assertThat(server.app("GET", "/users/18/points/xp", null).body().path("awards")).hasSize(2);
    // user XP chart (SUM-1..SUM-5): chart-ready daily buckets whose totals step by their change
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/London"));
    var chart = server.app("GET", "/users/18/points/xp/event-summary?aggregation=daily&startDate="
        + today.minusDays(2) + "&endDate=" + today, null);
    assertThat(chart.status()).isEqualTo(200);
    assertThat(chart.body()).hasSize(3);
    assertThat(chart.body().get(0).path("total").asLong()).isZero();
    assertThat(chart.body().get(2).path("date").asText()).isEqualTo(today.toString());
    assertThat(chart.body().get(2).path("change").asLong()).isEqualTo(450);
    assertThat(chart.body().get(2).path("total").asLong()).isEqualTo(450);
    assertThat(chart.body().get(2).path("total").isIntegralNumber()).isTrue();
  }

  @Test
  void pts10_sum2_validation_and_unknown_objects() {
    event("{\"id\":\"val\"}", "1");
    assertThat(server.app("GET", "/users/val/points/xp?awards=0", null).status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/val/points/xp?awards=101", null).status()).isEqualTo(422);
    var noUser = server.app("GET", "/users/ghost/points/xp", null);
    assertThat(noUser.status()).isEqualTo(404);
    assertThat(noUser.error()).isEqualTo("User not found");
    var noSystem = server.app("GET", "/users/val/points/nope", null);
    assertThat(noSystem.status()).isEqualTo(404);
    assertThat(noSystem.error()).isEqualTo("Points system not found");
    assertThat(server.app("GET", "/users/val/points/xp/event-summary?aggregation=hourly&startDate=2025-01-01&endDate=2025-01-02", null)
            .status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/val/points/xp/event-summary?aggregation=daily&startDate=2025-01-03&endDate=2025-01-02", null)
            .status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/val/points/nope/event-summary?aggregation=daily&startDate=2025-01-01&endDate=2025-01-02", null)
            .status()).isEqualTo(404);
    assertThat(server.app("GET", "/points/nope/summary", null).error()).isEqualTo("Points system not found");
  }

  @Test
  void pts9_idem4_systems_without_awards_are_absent_and_replays_report_nothing() {
    var small = event("{\"id\":\"small\"}", "10");
    assertThat(small.body().path("points").isObject()).isTrue();
    assertThat(small.body().path("points").has("xp")).isFalse();
    var first = server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\":{\"id\":\"idem\"},\"value\":200}", "Idempotency-Key", "k1");
    assertThat(first.body().path("points").path("xp").path("added").asInt()).isEqualTo(100);
    var replay = server.app("POST", "/metrics/flashcards-flipped/event", "{\"user\":{\"id\":\"idem\"},\"value\":200}", "Idempotency-Key", "k1");
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.body().path("points").isObject()).isTrue();
    assertThat(replay.body().path("points")).isEmpty();
    assertThat(server.app("GET", "/users/idem/points/xp", null).body().path("total").asInt()).isEqualTo(100);
  }

  @Test
  void pts11_sdk2_the_system_lists_its_active_triggers_with_iso_timestamps() {
    server.admin("POST", "/points/" + xpId + "/triggers", "[{\"type\":\"streak\",\"streakLength\":7,\"points\":5}]");
    var r = server.app("GET", "/points/xp", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().has("key")).isFalse();
    assertThat(r.body().path("name").asText()).isEqualTo("XP");
    assertThat(r.body().get("description").isNull()).isTrue();
    assertThat(r.body().path("triggers")).hasSize(1); // the inactive streak trigger is not listed
    JsonNode t = r.body().path("triggers").get(0);
    assertThat(t.path("status").asText()).isEqualTo("active");
    assertThat(t.path("userAttributes").isArray()).isTrue();
    assertThat(t.path("eventAttributes").isArray()).isTrue();
    assertThat(t.has("eventAttribute")).isFalse();
    assertThat(Instant.parse(t.path("created").asText())).isNotNull();
    assertThat(Instant.parse(t.path("updated").asText())).isNotNull();
  }

  @Test
  void trig12_user4_user_creation_triggers_award_once_through_any_creating_endpoint() {
    String id = server.admin("POST", "/points", """
        [{"name": "Coins", "key": "coins", "triggers": [{"type": "user_creation", "points": 25, "status": "active"}]}]
        """).body().path("created").get(0).path("id").asText();
    var viaEvent = event("{\"id\":\"fresh\"}", "1");
    JsonNode coins = viaEvent.body().path("points").path("coins");
    assertThat(coins.path("awards").get(0).path("trigger").path("type").asText()).isEqualTo("user_creation");
    assertThat(coins.path("total").asInt()).isEqualTo(25);
    assertThat(event("{\"id\":\"fresh\"}", "1").body().path("points").has("coins")).isFalse();
    server.app("PUT", "/users/identified", "{\"name\":\"I\"}");
    server.app("PUT", "/users/identified", "{\"name\":\"Again\"}");
    server.app("POST", "/users", "{\"id\":\"posted\"}");
    assertThat(server.app("GET", "/users/identified/points/coins", null).body().path("total").asInt()).isEqualTo(25);
    assertThat(server.app("GET", "/users/posted/points/coins", null).body().path("awards")).hasSize(1);
    server.admin("DELETE", "/points?ids=" + id, null);
  }

  @Test
  void trig14_a_blocked_deduction_refuses_the_whole_event_and_writes_nothing() {
    server.createMetric("purchases");
    String purchases = "";
    for (JsonNode m : server.admin("GET", "/metrics?limit=100", null).body()) {
      if (m.path("key").asText().equals("purchases")) {
        purchases = m.path("id").asText();
      }
    }
    server.admin("POST", "/points", """
        [{"name": "Energy", "key": "energy",
          "triggers": [{"type": "user_creation", "points": 10, "status": "active"},
                       {"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": -4, "status": "active", "blockIfOutOfPoints": true}]}]
        """.formatted(purchases));
    var ok = server.app("POST", "/metrics/purchases/event", "{\"user\":{\"id\":\"buyer\"},\"value\":2}");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().path("points").path("energy").path("total").asInt()).isEqualTo(2);
    var blocked = server.app("POST", "/metrics/purchases/event", "{\"user\":{\"id\":\"buyer\",\"name\":\"Changed\"},\"value\":1}");
    assertThat(blocked.status()).isEqualTo(422);
    assertThat(blocked.error()).isEqualTo("Insufficient points in points system energy");
    assertThat(server.app("GET", "/users/buyer/metrics/purchases", null).body().path("current").asInt()).isEqualTo(2);
    assertThat(server.app("GET", "/users/buyer", null).body().get("name").isNull()).isTrue();
    // a new user blocked by the same rule is not even created
    var stranger = server.app("POST", "/metrics/purchases/event", "{\"user\":{\"id\":\"stranger\"},\"value\":3}");
    assertThat(stranger.status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/stranger", null).status()).isEqualTo(404);
    deleteSystem("energy");
  }

  /** Archives a system this test created, so that other tests' events do not see it. */
  private static void deleteSystem(String key) {
    for (JsonNode s : server.admin("GET", "/points?limit=100", null).body()) {
      if (s.path("key").asText().equals(key)) {
        server.admin("DELETE", "/points?ids=" + s.path("id").asText(), null);
      }
    }
  }

  @Test
  void boost6_boost8_boost14_boost15_boosted_awards_and_boost_listings() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String id = server.admin("POST", "/points", """
        [{"name": "Gems", "key": "gems",
          "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": 3, "status": "active"}],
          "boosts": [{"name": "Pro weekend", "start": "%s", "multiplier": 1.5, "userAttributes": [{"attributeId": "%s", "attributeValue": "pro"}]},
                     {"name": "Past", "start": "2000-01-01", "end": "2000-01-02", "multiplier": 3},
                     {"name": "Future", "start": "2999-01-01", "multiplier": 3}]}]
        """.formatted(flashcards, today, plan)).body().path("created").get(0).path("id").asText();
    server.app("PUT", "/users/booster", "{\"attributes\":{\"plan\":\"pro\"}}");
    server.admin("POST", "/points/" + id + "/boosts", "[{\"name\":\"Own\",\"start\":\"2000-01-01\",\"multiplier\":2,\"userId\":\"booster\"}]");
    // 3 points × 1.5 × 2 = 9 (BOOST-6), with both boosts recorded (BOOST-8)
    var r = event("{\"id\":\"booster\"}", "1");
    JsonNode award = r.body().path("points").path("gems").path("awards").get(0);
    assertThat(award.path("awarded").asInt()).isEqualTo(9);
    assertThat(award.path("boosts")).extracting(b -> b.path("name").asText()).containsExactly("Pro weekend", "Own");
    assertThat(award.path("boosts").get(0).path("status").asText()).isEqualTo("active");
    // a user without the attribute gets only what applies to them: nothing here
    assertThat(event("{\"id\":\"plain\"}", "1").body().path("points").path("gems").path("awards").get(0).path("awarded").asInt())
        .isEqualTo(3);
    var global = server.app("GET", "/points/gems/boosts", null).body();
    assertThat(global).extracting(b -> b.path("name").asText()).containsExactly("Pro weekend", "Future");
    assertThat(global.get(1).path("status").asText()).isEqualTo("scheduled");
    assertThat(global.get(0).has("userId")).isFalse();
    assertThat(server.app("GET", "/points/gems/boosts?includeFinished=true", null).body())
        .extracting(b -> b.path("name").asText()).containsExactly("Past", "Pro weekend", "Future");
    assertThat(server.app("GET", "/points/gems/boosts?includeFinished=maybe", null).status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/booster/points/gems/boosts", null).body())
        .extracting(b -> b.path("name").asText()).containsExactly("Own", "Pro weekend");
    assertThat(server.app("GET", "/users/plain/points/gems/boosts", null).body()).isEmpty();
    deleteSystem("gems");
  }

  @Test
  void pts12_lvl11_lvl12_summaries_over_every_user_of_the_scope() {
    String id = server.admin("POST", "/points", """
        [{"name": "Stars", "key": "stars",
          "triggers": [{"type": "metric", "metricId": "%s", "metricThreshold": 1, "points": 1, "status": "active"}]}]
        """.formatted(flashcards)).body().path("created").get(0).path("id").asText();
    assertThat(server.app("GET", "/points/stars/level-summary", null).error()).isEqualTo("Points system stars has no levels");
    assertThat(server.app("GET", "/points/stars/levels", null).body()).isEmpty();
    server.app("PUT", "/users/star-a", "{\"attributes\":{\"plan\":\"pro\"}}");
    event("{\"id\":\"star-a\"}", "600");
    event("{\"id\":\"star-b\"}", "50");
    var summary = server.app("GET", "/points/stars/summary", null).body();
    assertThat(summary).hasSize(11);
    assertThat(summary.get(1).path("from").asInt()).isEqualTo(1);
    assertThat(summary.get(1).path("to").asInt()).isEqualTo(100);
    assertThat(summary.get(1).path("users").asInt()).isEqualTo(1);
    assertThat(summary.get(6).path("to").asInt()).isEqualTo(600);
    assertThat(summary.get(6).path("users").asInt()).isEqualTo(1);
    long total = 0;
    for (JsonNode range : summary) {
      total += range.path("users").asLong();
    }
    long users = total;
    assertThat(summary.get(0).path("users").asLong()).isEqualTo(users - 2); // everyone else holds 0
    var pro = server.app("GET", "/points/stars/summary?userAttributes=plan:pro", null).body();
    assertThat(pro.get(6).path("users").asInt()).isEqualTo(1);
    assertThat(pro.get(1).path("users").asInt()).isZero();
    assertThat(server.app("GET", "/points/stars/summary?userAttributes=colour:red", null).error())
        .startsWith("Invalid attribute keys: colour");
    assertThat(server.app("GET", "/points/stars/summary?userAttributes=plan", null).status()).isEqualTo(422);
    server.admin("POST", "/points/" + id + "/levels",
        "[{\"name\":\"One\",\"key\":\"one\",\"points\":1},{\"name\":\"Hundred\",\"key\":\"hundred\",\"points\":100}]");
    var levels = server.app("GET", "/points/stars/levels", null).body();
    assertThat(levels).extracting(l -> l.path("key").asText()).containsExactly("one", "hundred");
    assertThat(levels.get(0).path("description").asText()).isEqualTo("");
    assertThat(levels.get(0).get("badgeUrl").isNull()).isTrue();
    var bylevel = server.app("GET", "/points/stars/level-summary", null).body();
    assertThat(bylevel.get(0).path("level").path("key").asText()).isEqualTo("one");
    assertThat(bylevel.get(0).path("users").asInt()).isEqualTo(1);
    assertThat(bylevel.get(1).path("users").asInt()).isEqualTo(1);
    deleteSystem("stars");
  }

  @Test
  void trig9_pts5_achievement_triggers_fire_for_event_and_api_completions() {
    var created = server.admin("POST", "/achievements", """
        [{"key": "ten-cards", "name": "Ten cards", "trigger": "metric", "metricId": "%s", "metricValue": 10, "status": "active"},
         {"key": "onboarded", "name": "Onboarded", "trigger": "api", "status": "active"}]
        """.formatted(flashcards)).body().path("created");
    String tenCards = created.get(0).path("id").asText();
    String onboarded = created.get(1).path("id").asText();
    var system = server.admin("POST", "/points", """
        [{"name": "Medals", "key": "medals",
          "triggers": [{"type": "achievement", "achievementId": "%s", "points": 30, "status": "active"},
                       {"type": "achievement", "achievementId": "%s", "points": 7, "status": "active"},
                       {"type": "user_creation", "points": 1, "status": "active"}]}]
        """.formatted(tenCards, onboarded)).body().path("created").get(0);
    assertThat(system.path("triggers").get(0).path("achievementId").asText()).isEqualTo(tenCards);
    // TRIG-15: the application shape names the achievement
    JsonNode appTrigger = server.app("GET", "/points/medals", null).body().path("triggers").get(0);
    assertThat(appTrigger.path("achievementName").asText()).isEqualTo("Ten cards");
    // through an event: user creation first, then the achievement the event completed (PTS-5)
    var ev = event("{\"id\":\"medalist\"}", "12");
    assertThat(ev.body().path("achievements").get(0).path("key").asText()).isEqualTo("ten-cards");
    JsonNode medals = ev.body().path("points").path("medals");
    assertThat(medals.path("awards")).extracting(a -> a.path("trigger").path("type").asText())
        .containsExactly("user_creation", "achievement");
    assertThat(medals.path("total").asInt()).isEqualTo(31);
    // through an API completion that also creates the user (USER-3, USER-4)
    var done = server.app("POST", "/achievements/onboarded/complete", "{\"user\":{\"id\":\"newcomer\"}}");
    assertThat(done.status()).isEqualTo(201);
    JsonNode viaApi = done.body().path("points").path("medals");
    assertThat(viaApi.path("added").asInt()).isEqualTo(8);
    assertThat(viaApi.path("awards").get(1).path("trigger").path("achievementName").asText()).isEqualTo("Onboarded");
    // a repeated completion awards nothing
    var again = server.app("POST", "/achievements/onboarded/complete", "{\"user\":{\"id\":\"newcomer\"}}");
    assertThat(again.body().path("points")).isEmpty();
    assertThat(server.app("GET", "/users/newcomer/points/medals", null).body().path("total").asInt()).isEqualTo(8);
    // CFG-2: an achievement a points trigger targets is not deleted
    assertThat(server.admin("DELETE", "/achievements?ids=" + onboarded, null).body().path("issues").get(0).path("message").asText())
        .isEqualTo("Achievement is in use by points trigger " + system.path("triggers").get(1).path("id").asText());
    deleteSystem("medals");
  }
}
