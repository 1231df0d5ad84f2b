package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.server.leaderboard.Rankings;
import dev.laurel.server.leaderboard.redis.RedisRankings;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rankings in Redis (PostgreSQL pass, where {@link TestServer} gives every server the machine's
 * Redis under a prefix of its own): a lost Redis is rebuilt from the store (CON-14, LB-19), and a
 * Redis that does not answer fails requests with 503 before anything is committed.
 */
class LeaderboardRedisTest {

  @Test
  void con14_a_redis_flush_followed_by_a_restart_or_a_sweep_restores_every_ranking() {
    assumeTrue(TestServer.BACKEND.equals("postgres"), "Redis rankings need PostgreSQL");
    // 2025-01-15 10:00 UTC
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z")) {
      String metricId = f.metric("cards", "Cards");
      String plan = f.userAttribute("plan");
      JsonNode daily = f.leaderboard("name", "Daily", "key", "daily", "rankBy", "metric", "metricId", metricId,
          "breakdownAttributes", List.of(plan), "runUnit", "day", "runInterval", 1, "start", "2025-01-01", "status", "active");
      f.leaderboard("name", "All", "key", "all", "rankBy", "metric", "metricId", metricId, "maxParticipants", 5,
          "start", "2025-01-01", "status", "active");
      for (int i = 0; i < 40; i++) {
        f.at("2025-01-15T10:" + String.format("%02d", i) + ":00Z");
        f.event("cards", "u" + (i % 13), (i * 7) % 11 - 3 + 0.25, "attributes", Map.of("plan", i % 3 == 0 ? "pro" : "free"));
      }
      String id = daily.path("id").asText();
      List<String> before = dump(f.server.laurel.leaderboards().rankings(), id);
      String pro = f.get("/leaderboards/daily?userAttributes=plan:pro").toString();
      String all = f.get("/leaderboards/all").toString();
      assertThat(before).hasSizeGreaterThan(5);

      redis(f).clear(); // what FLUSHDB does to this installation's keys
      assertThat(f.get("/leaderboards/all").path("rankings")).isEmpty();
      f.server.restart();
      assertThat(dump(f.server.laurel.leaderboards().rankings(), id)).isEqualTo(before);
      assertThat(f.get("/leaderboards/daily?userAttributes=plan:pro").toString()).isEqualTo(pro);
      assertThat(f.get("/leaderboards/all").toString()).isEqualTo(all);

      redis(f).clear(); // while the node runs: the next sweep rebuilds
      f.server.laurel.sweepLeaderboards();
      assertThat(dump(f.server.laurel.leaderboards().rankings(), id)).isEqualTo(before);
      assertThat(f.get("/leaderboards/all").toString()).isEqualTo(all);
    }
  }

  @Test
  void an_unreachable_redis_fails_requests_with_503_and_retry_after_before_any_write_and_recovers() throws Exception {
    assumeTrue(TestServer.BACKEND.equals("postgres"), "Redis rankings need PostgreSQL");
    int port = freePort();
    Process redis = startRedis(port);
    try (LeaderboardFixture f = new LeaderboardFixture("2025-01-15T10:00:00Z", "redis://127.0.0.1:" + port + "/0");
        dev.laurel.store.Database store = f.server.openStore()) {
      String metricId = f.metric("cards", "Cards");
      f.leaderboard("name", "All", "key", "all", "rankBy", "metric", "metricId", metricId,
          "start", "2025-01-01", "status", "active");
      assertThat(f.event("cards", "ann", 5).path("leaderboards").path("all").path("rank").asInt()).isEqualTo(1);
      long version = stateVersion(store, "ann");

      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
      TestServer.Response refused = f.server.app("POST", "/metrics/cards/event",
          LeaderboardFixture.json(Map.of("user", Map.of("id", "ann"), "value", 3)));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.error()).isEqualTo("The leaderboard rankings are unavailable; retry shortly");
      assertThat(f.server.app("GET", "/leaderboards/all", null).status()).isEqualTo(503);
      // GEN-14: nothing of the failed event was committed
      assertThat(f.get("/users/ann/metrics/cards").path("current").asDouble()).isEqualTo(5.0);

      redis = startRedis(port); // back, but empty: the next sweep (or start) rebuilds from the store
      // The repair of what the refused event may have set sets the rankings in a session of ann's
      // that moves her state version on (and writes nothing else): a request of another node that
      // read ann before the repair cannot commit after it without being repaired in turn.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (stateVersion(store, "ann") == version && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(stateVersion(store, "ann")).isEqualTo(version + 1);
      f.server.laurel.sweepLeaderboards();
      JsonNode ranked = f.get("/leaderboards/all").path("rankings");
      assertThat(ranked).hasSize(1);
      assertThat(ranked.get(0).path("value").asInt()).isEqualTo(5);
      JsonNode again = f.event("cards", "ann", 3).path("leaderboards").path("all");
      assertThat(again.path("rank").asInt()).isEqualTo(1);
      assertThat(f.get("/leaderboards/all").path("rankings").get(0).path("value").asInt()).isEqualTo(8);
    } finally {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static long stateVersion(dev.laurel.store.Database store, String userId) {
    return Long.parseLong(dev.laurel.store.TestDatabases.userColumn(store, userId, "state_version"));
  }

  private static RedisRankings redis(LeaderboardFixture f) {
    return (RedisRankings) f.server.laurel.leaderboards().rankings();
  }

  private static List<String> dump(Rankings rankings, String leaderboardId) {
    List<String> out = new ArrayList<>();
    rankings.boards(leaderboardId).stream()
        .sorted(Comparator.comparing((Rankings.Board b) -> b.run()).thenComparing(Rankings.Board::group))
        .forEach(board -> {
          for (RankEntry e : rankings.range(board, 0, Integer.MAX_VALUE)) {
            out.add(board.run() + "/" + board.group() + " " + e);
          }
        });
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A throwaway redis-server of this test's own, without persistence, that it can stop. */
  private static Process startRedis(int port) throws Exception {
    Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    for (int i = 0; i < 100; i++) {
      try {
        new java.net.Socket("127.0.0.1", port).close();
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroy();
    throw new IllegalStateException("redis-server did not start on port " + port);
  }
}
