package dev.laurel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.server.http.Wire;
import dev.laurel.server.leaderboard.redis.RedisRankings;
import dev.laurel.server.leaderboard.redis.RedisUrl;
import dev.laurel.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/** A real server on a free port with a fresh data directory, and a small HTTP client for it. */
final class TestServer implements AutoCloseable {
  static final String ADMIN_KEY = "testkey1.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123";

  /** The store the server tests run on: {@code sqlite} or {@code postgres} (surefire sets it). */
  static final String BACKEND = System.getProperty("laurel.test.backend", "sqlite");

  final Path dataDir;
  final Path configFile;
  private final String postgresDatabase;
  /** With PostgreSQL, the rankings live in the machine's Redis under a prefix of this server's own. */
  final String redisUrl;
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final InstantSource clock;
  Laurel laurel;
  private final HttpClient client = HttpClient.newHttpClient();

  /** A server whose "now" is {@code clock} (TIME-1), e.g. a {@link TestClock} moved by hand. */
  TestServer(Path configFile, InstantSource clock) {
    this(configFile, clock, null);
  }

  /** As above; {@code redisUrl}, when given, replaces the machine's Redis (PostgreSQL pass only). */
  TestServer(Path configFile, InstantSource clock, String redisUrl) {
    this.dataDir = TestDatabases.temporaryDirectory("laurel-server-test");
    this.configFile = configFile;
    this.clock = clock;
    this.postgresDatabase = BACKEND.equals("postgres") ? TestDatabases.createPostgresDatabase() : null;
    String own = redisUrl != null ? redisUrl : "redis://127.0.0.1:6379/0";
    this.redisUrl = postgresDatabase == null ? null : own + "?prefix=laurel:test:" + postgresDatabase + ":";
    try {
      start();
    } catch (RuntimeException e) {
      if (postgresDatabase != null) {
        TestDatabases.dropPostgres(postgresDatabase);
      }
      throw e;
    }
  }

  TestServer(Path configFile) {
    this(configFile, InstantSource.system());
  }

  TestServer() {
    this(null);
  }

  void start() {
    laurel =
        Laurel.start(
            new Settings(
                0,
                dataDir,
                configFile,
                ADMIN_KEY,
                postgresDatabase == null
                    ? null
                    : "jdbc:postgresql://127.0.0.1:5432/" + postgresDatabase + "?user=postgres",
                redisUrl),
            clock,
            new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  /** Opens the server's store directly (while the server is stopped), on the test's backend. */
  dev.laurel.store.Database openStore() {
    return postgresDatabase == null
        ? dev.laurel.store.Database.openSqlite(dataDir)
        : TestDatabases.postgres(postgresDatabase);
  }

  void restart() {
    laurel.close();
    start();
  }

  record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String error() {
      return body.path("error").asText(null);
    }
  }

  Response call(String method, String path, String key, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + laurel.port() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("X-API-KEY", key);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? null : Wire.MAPPER.readTree(r.body());
      return new Response(r.statusCode(), json, r.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response admin(String method, String path, String body) {
    return call(method, "/admin/v1" + path, ADMIN_KEY, body);
  }

  Response app(String method, String path, String body, String... headers) {
    return call(method, "/v1" + path, ADMIN_KEY, body, headers);
  }

  void createMetric(String key) {
    Response r = admin("POST", "/metrics", "[{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}]");
    if (r.status() != 201) {
      throw new IllegalStateException("metric not created: " + r.body());
    }
  }

  @Override
  public void close() {
    laurel.close();
    if (redisUrl != null) {
      // After the server: a sweep of a running server would mark the emptied rankings built again.
      try (RedisRankings redis = RedisRankings.connect(RedisUrl.parse(redisUrl))) {
        redis.clear();
      } catch (RuntimeException e) {
        // the test stopped its Redis: nothing of this server's is left in the machine's
      }
    }
    if (postgresDatabase != null) {
      TestDatabases.dropPostgres(postgresDatabase);
    }
  }
}
