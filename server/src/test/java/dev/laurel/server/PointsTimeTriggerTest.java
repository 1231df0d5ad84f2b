package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TRIG-10, TRIG-11, TRIG-13, CFG-17 on a moved clock: time triggers settle lazily when a user is
 * read or sends an event, and by the sweep for idle users; restarts never award a firing twice.
 */
class PointsTimeTriggerTest {
  // 2025-03-01 09:00 UTC
  private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

  private static List<String> awardDates(TestServer server, String user) {
    List<String> out = new ArrayList<>();
    server.app("GET", "/users/" + user + "/points/energy?awards=100", null).body().path("awards")
        .forEach(a -> out.add(a.path("date").asText()));
    return out;
  }

  /** The awards stored for a user, read from the store directly while the server is stopped. */
  private static int storedAwards(TestServer server, String user) {
    try (var db = server.openStore()) {
      var env = new dev.laurel.store.ConfigRepository(db).environmentByKey("production");
      var scope = dev.laurel.engine.Scope.defaultTenant(env.id());
      var points = new dev.laurel.store.PointsConfigLoader(db).load(scope, new dev.laurel.store.PointsConfigLoader.Resolver() {
        @Override
        public String attributeKey(String id) {
          return null;
        }

        @Override
        public String metricName(String id) {
          return null;
        }

        @Override
        public String achievementName(String id) {
          return null;
        }
      });
      String systemId = points.byKey("energy").id();
      return new dev.laurel.store.AwardRepository(db).recentAwards(scope, user, systemId, 100).size();
    }
  }

  private static long total(TestServer server, String user) {
    return server.app("GET", "/users/" + user + "/points/energy", null).body().path("total").asLong();
  }

  @Test
  void trig10_trig11_hourly_awards_survive_restarts_and_are_never_awarded_twice() {
    TestClock clock = new TestClock(START);
    try (TestServer server = new TestServer(null, clock)) {
      server.createMetric("cards");
      server.app("PUT", "/users/early", "{}");
      // CFG-17/TRIG-13: activating the trigger awards nothing by itself; the schedule starts now
      JsonNode created = server.admin("POST", "/points", """
          [{"name": "Energy", "key": "energy", "triggers": [{"type": "time", "timeUnit": "hours", "timeInterval": 1, "points": 5, "status": "active"}]}]
          """).body().path("created").get(0);
      assertThat(created.path("triggers").get(0).path("timeUnit").asText()).isEqualTo("hours");
      assertThat(total(server, "early")).isZero();
      clock.advance(Duration.ofMinutes(30));
      server.app("PUT", "/users/late", "{}"); // created 09:30: anchored at its own creation
      clock.advance(Duration.ofHours(3)); // 12:30
      assertThat(awardDates(server, "early"))
          .containsExactly("2025-03-01T12:00:00.000Z", "2025-03-01T11:00:00.000Z", "2025-03-01T10:00:00.000Z");
      assertThat(total(server, "early")).isEqualTo(15);
      server.restart();
      assertThat(total(server, "early")).isEqualTo(15);
      // an idle user is settled by the sweep, and a restart after it repeats nothing
      clock.advance(Duration.ofHours(1)); // 13:30
      server.laurel.sweepPoints();
      server.laurel.close();
      assertThat(storedAwards(server, "late")).isEqualTo(4); // written by the sweep alone
      server.start();
      server.laurel.sweepPoints();
      assertThat(awardDates(server, "late"))
          .containsExactly("2025-03-01T13:30:00.000Z", "2025-03-01T12:30:00.000Z", "2025-03-01T11:30:00.000Z",
              "2025-03-01T10:30:00.000Z");
      assertThat(total(server, "early")).isEqualTo(20);
      // firings missed while the server was down are applied at start, in order, each dated at its slot
      server.laurel.close();
      clock.advance(Duration.ofHours(2)); // 15:30
      server.start();
      server.laurel.sweepPoints();
      assertThat(awardDates(server, "early").subList(0, 2))
          .containsExactly("2025-03-01T15:00:00.000Z", "2025-03-01T14:00:00.000Z");
      // SUM-5: the event summary agrees with the awards
      var summary = server.app("GET", "/users/early/points/energy/event-summary?aggregation=daily&startDate=2025-03-01&endDate=2025-03-01", null);
      assertThat(summary.body().get(0).path("change").asInt()).isEqualTo(30);
      assertThat(summary.body().get(0).path("total").asInt()).isEqualTo(30);
    }
  }

  @Test
  void trig11_event4_time_awards_settled_by_an_event_are_not_in_its_response() {
    TestClock clock = new TestClock(START);
    try (TestServer server = new TestServer(null, clock)) {
      server.createMetric("cards");
      server.admin("POST", "/points", """
          [{"name": "Energy", "key": "energy", "triggers": [{"type": "time", "timeUnit": "days", "timeInterval": 1, "points": 2, "status": "active"}]}]
          """);
      server.app("PUT", "/users/tokyo", "{\"tz\":\"Asia/Tokyo\"}"); // 18:00 local on 2025-03-01
      clock.advance(Duration.ofHours(20)); // 2025-03-02 05:00 UTC = 14:00 in Tokyo: one local midnight passed
      var r = server.app("POST", "/metrics/cards/event", "{\"user\":{\"id\":\"tokyo\"},\"value\":1}");
      assertThat(r.body().path("points").has("energy")).isFalse();
      assertThat(awardDates(server, "tokyo")).containsExactly("2025-03-01T15:00:00.000Z"); // 2025-03-02 00:00 JST
    }
  }

  @Test
  void trig10_deactivation_stops_the_schedule_and_reactivation_re_anchors_it() {
    TestClock clock = new TestClock(START);
    try (TestServer server = new TestServer(null, clock)) {
      JsonNode system = server.admin("POST", "/points", """
          [{"name": "Energy", "key": "energy", "triggers": [{"type": "time", "timeUnit": "hours", "timeInterval": 2, "points": 1, "status": "active"}]}]
          """).body().path("created").get(0);
      String systemId = system.path("id").asText();
      String triggerId = system.path("triggers").get(0).path("id").asText();
      server.app("PUT", "/users/u", "{}");
      clock.advance(Duration.ofHours(3)); // 12:00 → one firing at 11:00
      assertThat(total(server, "u")).isEqualTo(1);
      server.admin("PATCH", "/points/" + systemId + "/triggers", "[{\"id\":\"" + triggerId + "\",\"status\":\"inactive\"}]");
      clock.advance(Duration.ofHours(10)); // 22:00
      assertThat(total(server, "u")).isEqualTo(1);
      server.admin("PATCH", "/points/" + systemId + "/triggers", "[{\"id\":\"" + triggerId + "\",\"status\":\"active\"}]");
      assertThat(total(server, "u")).isEqualTo(1); // no catch-up for the inactive period
      clock.advance(Duration.ofHours(2)); // 2025-03-02 00:00
      assertThat(awardDates(server, "u").get(0)).isEqualTo("2025-03-02T00:00:00.000Z");
    }
  }
}
