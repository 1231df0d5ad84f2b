package dev.laurel.server.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.server.Settings;
import dev.laurel.server.leaderboard.redis.RedisRankings;
import dev.laurel.server.leaderboard.redis.RedisUrl;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** LAUREL_REDIS_URL: its form, its key prefix, and that it needs PostgreSQL (issue 7). */
class RedisSettingsTest {

  @Test
  void the_url_gives_address_database_and_prefix() {
    RedisUrl url = RedisUrl.parse("redis://127.0.0.1:6379/3?prefix=laurel:staging:");
    assertThat(url.address().getPort()).isEqualTo(6379);
    assertThat(url.client().getDatabase()).isEqualTo(3);
    assertThat(url.prefix()).isEqualTo("laurel:staging:");
    assertThat(RedisUrl.parse("redis://redis.internal:6380").prefix()).isEqualTo(RedisUrl.DEFAULT_PREFIX);
  }

  @Test
  void a_url_that_is_not_redis_says_what_to_write() {
    assertThatThrownBy(() -> RedisUrl.parse("postgres://127.0.0.1:5432/db"))
        .hasMessage("the Redis URL must look like redis://host:6379/0 (or rediss://user:password@host:6379/0), got 'postgres://127.0.0.1:5432/db'");
    assertThatThrownBy(() -> RedisUrl.parse("redis://127.0.0.1:6379/zero"))
        .hasMessageEndingWith("got 'redis://127.0.0.1:6379/zero'");
    assertThatThrownBy(() -> RedisUrl.parse("redis://127.0.0.1:6379/0?db=2"))
        .hasMessage("unknown Redis URL parameter 'db=2' (only prefix=… is known)");
  }

  @Test
  void redis_without_postgresql_is_refused_at_start() {
    Settings alone = new Settings(0, Path.of("data"), null, null, null, "redis://127.0.0.1:6379/0");
    assertThatThrownBy(alone::check)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--redis (LAUREL_REDIS_URL) needs --database (LAUREL_DATABASE_URL)");
    new Settings(0, Path.of("data"), null, null, "postgres://h/db", "redis://127.0.0.1:6379/0").check();
    assertThat(new Settings(0, Path.of("data"), null, null).usesRedis()).isFalse();
  }

  @Test
  void an_unreachable_redis_stops_the_start_with_a_clear_error() {
    assertThatThrownBy(() -> RedisRankings.connect(RedisUrl.parse("redis://127.0.0.1:1/0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Redis at redis://127.0.0.1:1 (prefix laurel:) does not answer:");
  }
}
