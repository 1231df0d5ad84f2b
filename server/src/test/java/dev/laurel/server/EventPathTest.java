package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event path end to end: EVENT-8, EVENT-9, IDEM-4..IDEM-7, BATCH-3..BATCH-7. */
class EventPathTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("cards");
    server.createMetric("quizzes");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String event(String user, int value) {
    return "{\"user\":{\"id\":\"" + user + "\"},\"value\":" + value + "}";
  }

  private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
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

  @Test
  void event8_one_hundred_concurrent_events_for_one_user_are_all_counted() throws Exception {
    List<Integer> statuses = parallel(100, () -> server.app("POST", "/metrics/cards/event", event("busy", 1)).status());
    assertThat(statuses).containsOnly(201);
    var metric = server.app("GET", "/users/busy/metrics/cards", null);
    assertThat(metric.body().path("current").asInt()).isEqualTo(100);
  }

  @Test
  void idem7_of_concurrent_requests_with_one_key_exactly_one_is_processed() throws Exception {
    List<Integer> statuses =
        parallel(20, () -> server.app("POST", "/metrics/cards/event", event("idem", 5), "Idempotency-Key", "same").status());
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 202).count()).isEqualTo(19);
    assertThat(server.app("GET", "/users/idem/metrics/cards", null).body().path("current").asInt()).isEqualTo(5);
  }

  @Test
  void idem2_idem4_keys_are_per_user_and_metric_and_replays_report_the_original() {
    var first = server.app("POST", "/metrics/quizzes/event", event("ida", 2), "Idempotency-Key", "k1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("idempotentReplayed").asBoolean()).isFalse();
    var replay = server.app("POST", "/metrics/quizzes/event", event("ida", 9), "Idempotency-Key", "k1");
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.body().path("idempotentReplayed").asBoolean()).isTrue();
    assertThat(replay.body().path("eventId").asText()).isEqualTo(first.body().path("eventId").asText());
    assertThat(replay.body().path("total").asInt()).isEqualTo(2);
    assertThat(server.app("POST", "/metrics/cards/event", event("ida", 1), "Idempotency-Key", "k1").status()).isEqualTo(201);
    assertThat(server.app("POST", "/metrics/quizzes/event", event("idb", 1), "Idempotency-Key", "k1").status()).isEqualTo(201);
    var plain = server.app("POST", "/metrics/quizzes/event", event("ida", 1), "Idempotency-Key", "   ");
    assertThat(plain.status()).isEqualTo(201);
    assertThat(plain.body().has("idempotencyKey")).isFalse();
  }

  @Test
  void idem6_a_failed_request_does_not_consume_its_key() {
    var failed =
        server.app("POST", "/metrics/quizzes/event", "{\"user\":{\"id\":\"idf\",\"tz\":\"Mars/Base\"},\"value\":1}", "Idempotency-Key", "retry");
    assertThat(failed.status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/idf", null).status()).isEqualTo(404);
    var retried = server.app("POST", "/metrics/quizzes/event", event("idf", 1), "Idempotency-Key", "retry");
    assertThat(retried.status()).isEqualTo(201);
  }

  @Test
  void event9_acknowledged_events_survive_a_restart() {
    for (int i = 0; i < 10; i++) {
      assertThat(server.app("POST", "/metrics/quizzes/event", event("durable", 3)).status()).isEqualTo(201);
    }
    server.restart();
    assertThat(server.app("GET", "/users/durable/metrics/quizzes", null).body().path("current").asInt()).isEqualTo(30);
  }

  @Test
  void batch2_a_batch_with_one_bad_item_is_refused_whole() {
    var malformed = server.admin("POST", "/metrics/events", "[{\"key\":\"cards\",\"user\":{\"id\":\"b1\"},\"value\":1},{\"key\":\"cards\",\"user\":{\"id\":\"b1\"}}]");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error()).isEqualTo("Item 1: value must be a number");
    var unknown = server.admin("POST", "/metrics/events", "[{\"key\":\"nope\",\"user\":{\"id\":\"b1\"},\"value\":1}]");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("Metric not found: nope");
    var invalid = server.admin("POST", "/metrics/events", "[{\"key\":\"cards\",\"user\":{\"id\":\"b1\",\"tz\":\"x\"},\"value\":1}]");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.error()).isEqualTo("Item 0: Invalid timezone: x");
    assertThat(server.admin("POST", "/metrics/events", "[]").status()).isEqualTo(422);
    assertThat(server.app("GET", "/users/b1", null).status()).isEqualTo(404);
  }

  @Test
  void batch4_batch5_batch7_items_are_processed_once_in_order_with_keys_deduplicated() throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      String user = "batch-" + (i % 3);
      String key = i == 296 || i == 299 ? ",\"idempotencyKey\":\"dup\"" : "";
      body.append(i == 0 ? "" : ",").append("{\"key\":\"cards\",\"user\":{\"id\":\"").append(user).append("\"},\"value\":1").append(key).append("}");
    }
    body.append("]");
    var r = server.admin("POST", "/metrics/events", body.toString());
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.body().path("accepted").asInt()).isEqualTo(300);
    long deadline = System.currentTimeMillis() + 30_000;
    int total = 0;
    while (System.currentTimeMillis() < deadline) {
      total = 0;
      for (int u = 0; u < 3; u++) {
        var m = server.app("GET", "/users/batch-" + u + "/metrics/cards", null);
        total += m.status() == 200 ? m.body().path("current").asInt() : 0;
      }
      if (total == 299) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(total).isEqualTo(299);
  }
}
