package dev.laurel.server.leaderboard.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * {@code LAUREL_REDIS_URL}: {@code redis://[user:password@]host:port[/db][?prefix=laurel:]} (or
 * {@code rediss://} for TLS). {@code prefix} namespaces every key Laurel writes (default {@code
 * laurel:}), so several installations or test runs can share one Redis.
 */
public record RedisUrl(HostAndPort address, JedisClientConfig client, String prefix) {
  public static final String DEFAULT_PREFIX = "laurel:";
  private static final int TIMEOUT_MILLIS = 2_000;

  /** @throws IllegalArgumentException with what to fix when {@code url} is not a Redis URL */
  public static RedisUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid(url);
    }
    try {
      if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
          || uri.getHost() == null
          || !JedisURIHelper.isValid(uri)) {
        throw invalid(url);
      }
    } catch (NumberFormatException e) {
      throw invalid(url);
    }
    String prefix = DEFAULT_PREFIX;
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals("prefix")) {
          prefix = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } else {
          throw new IllegalArgumentException("unknown Redis URL parameter '" + pair + "' (only prefix=… is known)");
        }
      }
    }
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MILLIS)
            .socketTimeoutMillis(TIMEOUT_MILLIS)
            .clientName("laurel")
            .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    try {
      if (JedisURIHelper.hasDbIndex(uri)) {
        client.database(JedisURIHelper.getDBIndex(uri));
      }
    } catch (NumberFormatException e) {
      throw invalid(url);
    }
    if (JedisURIHelper.getUser(uri) != null) {
      client.user(JedisURIHelper.getUser(uri));
    }
    if (JedisURIHelper.getPassword(uri) != null) {
      client.password(JedisURIHelper.getPassword(uri));
    }
    return new RedisUrl(JedisURIHelper.getHostAndPort(uri), client.build(), prefix);
  }

  private static IllegalArgumentException invalid(String url) {
    return new IllegalArgumentException(
        "the Redis URL must look like redis://host:6379/0 (or rediss://user:password@host:6379/0), got '" + url + "'");
  }

  @Override
  public String toString() {
    return "redis://" + address + " (prefix " + prefix + ")";
  }
}
