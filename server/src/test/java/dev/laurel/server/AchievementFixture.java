package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Helpers for the achievement integration tests: admin setup through the HTTP API. */
final class AchievementFixture {
  private AchievementFixture() {}

  /** Creates one achievement from an admin item and returns its id. */
  static String create(TestServer server, String item) {
    TestServer.Response r = server.admin("POST", "/achievements", "[" + item + "]");
    assertThat(r.status()).as("create %s: %s", item, r.body()).isEqualTo(201);
    return r.body().path("created").get(0).path("id").asText();
  }

  /** Creates an attribute and returns its id. */
  static String attribute(TestServer server, String key, String type) {
    TestServer.Response r =
        server.admin("POST", "/attributes", "[{\"key\":\"" + key + "\",\"name\":\"" + key + "\",\"type\":\"" + type + "\"}]");
    assertThat(r.status()).isEqualTo(201);
    return r.body().path("created").get(0).path("id").asText();
  }

  static String metricId(TestServer server, String key) {
    for (JsonNode m : server.admin("GET", "/metrics?limit=100", null).body()) {
      if (m.path("key").asText().equals(key)) {
        return m.path("id").asText();
      }
    }
    throw new IllegalStateException("no metric " + key);
  }

  static void patch(TestServer server, String item) {
    TestServer.Response r = server.admin("PATCH", "/achievements", "[" + item + "]");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("issues")).as("issues of %s", item).isEmpty();
  }

  static TestServer.Response event(TestServer server, String metric, String user, String value) {
    return server.app("POST", "/metrics/" + metric + "/event", "{\"user\":{\"id\":\"" + user + "\"},\"value\":" + value + "}");
  }

  static List<String> keys(JsonNode achievements) {
    List<String> out = new ArrayList<>();
    achievements.forEach(a -> out.add(a.path("key").asText()));
    return out;
  }

  /** The user's achievements once {@code done} holds, polling while a backdating run works. */
  static JsonNode awaitUserAchievements(TestServer server, String user, java.util.function.Predicate<JsonNode> done)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonNode body = server.app("GET", "/users/" + user + "/achievements", null).body();
    while (!done.test(body) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      body = server.app("GET", "/users/" + user + "/achievements", null).body();
    }
    return body;
  }

  static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(task));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }
}
