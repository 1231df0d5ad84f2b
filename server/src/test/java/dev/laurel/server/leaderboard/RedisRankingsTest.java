package dev.laurel.server.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.server.leaderboard.redis.RedisRankings;
import dev.laurel.server.leaderboard.redis.RedisUrl;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rankings port contract against the machine's real Redis (127.0.0.1:6379), under a key prefix
 * of this run's own that is deleted afterwards (LB-19: same ranks as in memory).
 */
class RedisRankingsTest extends RankingsContract {
  private RedisRankings redis;

  @Override
  Rankings create() {
    redis = RedisRankings.connect(RedisUrl.parse("redis://127.0.0.1:6379/0?prefix=laurel:test:" + UUID.randomUUID() + ":"));
    return redis;
  }

  @AfterEach
  void cleanUp() {
    redis.clear();
    redis.close();
  }

  @Test
  void lb10_exact_values_far_apart_keep_their_order_without_floating_point() {
    // doubles cannot tell these apart; the members' bytes can
    rankings.update(DAY, "big", new RankValue(Long.MAX_VALUE - 1, 9_999_999_999L), T0, 10);
    rankings.update(DAY, "bigger", new RankValue(Long.MAX_VALUE - 1, 9_999_999_999L), T0 - 86_400_000L * 365 * 60, 10);
    rankings.update(DAY, "tiny", new RankValue(0, 1), T0, 10);
    rankings.update(DAY, "one", new RankValue(1, 0), T0, 10);
    rankings.update(DAY, "just-above", new RankValue(1, 1), T0, 10);
    assertThat(rankings.range(DAY, 0, 10))
        .extracting(e -> e.userId() + "=" + e.value().toBigDecimal().toPlainString() + "@" + e.reachedAtMillis())
        .containsExactly(
            "bigger=9223372036854775806.9999999999@" + (T0 - 86_400_000L * 365 * 60),
            "big=9223372036854775806.9999999999@" + T0,
            "just-above=1.0000000001@" + T0,
            "one=1@" + T0,
            "tiny=0.0000000001@" + T0);
  }

  @Test
  void clear_removes_every_key_under_the_prefix_and_the_built_marker() {
    rankings.update(DAY, "a", RankValue.of(3), T0, 10);
    rankings.markBuilt();
    redis.clear();
    assertThat(rankings.built()).isFalse();
    assertThat(rankings.boards("lb-1")).isEmpty();
    assertThat(rankings.rank(DAY, "a")).isZero();
  }

  @Test
  void scripts_run_by_their_sha_are_sent_again_when_redis_forgot_them() {
    rankings.update(DAY, "a", RankValue.of(3), T0, 10);
    try (redis.clients.jedis.Jedis direct = new redis.clients.jedis.Jedis("127.0.0.1", 6379)) {
      direct.scriptFlush(); // as after a restart of Redis: EVALSHA answers NOSCRIPT
    }
    rankings.update(DAY, "b", RankValue.of(5), T0, 10);
    assertThat(rankings.rank(DAY, "b")).isEqualTo(1);
    assertThat(rankings.rank(DAY, "a")).isEqualTo(2);
  }
}
