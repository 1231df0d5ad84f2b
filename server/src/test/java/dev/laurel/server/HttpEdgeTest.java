package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP edge: ERR-9 precedence, ERR-1/ERR-7 bodies, GEN-2, GEN-12, GEN-17, AUTH-1/6/7. */
class HttpEdgeTest {
  static TestServer server;
  static String appKey;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("lessons");
    var r = server.admin("POST", "/application-api-keys", "[{\"userId\":\"alice\"}]");
    appKey = r.body().path("created").get(0).path("key").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Issue 8: the listen socket holds up to 1,024 connections not yet accepted (the JDK's default,
   * 50, dropped the SYNs of a burst of new connections, and each such client waited a second for
   * its retransmission). Read from {@code ss}, which shows a listening socket's backlog as Send-Q.
   */
  @Test
  void a_burst_of_new_connections_finds_room_in_the_listen_backlog() throws Exception {
    Process ss;
    try {
      ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + server.laurel.port()).redirectErrorStream(true).start();
    } catch (IOException noSs) {
      Assumptions.abort("ss (iproute2) is not installed");
      return;
    }
    String listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(ss.waitFor()).isZero();
    assertThat(listening).startsWith("LISTEN");
    assertThat(listening.split("\\s+")[2]).isEqualTo("1024");
  }

  /**
   * Issue 8: responses of at least 4 KiB (the default {@code --compression-min-bytes}) are gzipped
   * for a client that accepts it, as the SDKs' requests do; an event's response, smaller, is not
   * (gzip cost about an eighth of the ingest throughput); nothing is gzipped for a client that
   * does not accept it.
   */
  @Test
  void gen2_large_responses_are_gzipped_for_clients_that_accept_it_and_event_responses_are_not() throws Exception {
    var client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.laurel.port();
    var large = client.send(
        HttpRequest.newBuilder(URI.create(base + "/openapi/extensions.json"))
            .header("Accept-Encoding", "gzip, deflate").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(large.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(large.body())).readAllBytes();
    assertThat(unzipped.length).isGreaterThan(4096);
    assertThat(large.body().length).isLessThan(unzipped.length / 2);
    var plain = client.send(
        HttpRequest.newBuilder(URI.create(base + "/openapi/extensions.json")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(unzipped);
    // Between Javalin's default threshold (1,500 bytes) and ours: sent as it is.
    for (int i = 0; i < 40; i++) {
      server.createMetric("gzip-threshold-metric-with-a-long-key-" + i);
    }
    var middling = gzipAccepted(client, base + "/admin/v1/metrics");
    assertThat(middling.body().length).isBetween(1500, 4095);
    assertThat(middling.headers().firstValue("Content-Encoding")).isEmpty();
    var event = client.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/metrics/lessons/event"))
            .header("X-API-KEY", TestServer.ADMIN_KEY)
            .header("Content-Type", "application/json")
            .header("Accept-Encoding", "gzip, deflate")
            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":{\"id\":\"gzip-user\"},\"value\":1}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(event.statusCode()).isEqualTo(201);
    assertThat(event.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(event.body()).contains("\"total\":1");
    // A JSON response past the threshold is gzipped whole (its bytes are written at once).
    var listed = gzipAccepted(client, base + "/admin/v1/metrics?limit=100");
    assertThat(listed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    String json = new String(new GZIPInputStream(new ByteArrayInputStream(listed.body())).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(json.length()).isGreaterThan(4096);
    assertThat(dev.laurel.server.http.Wire.MAPPER.readTree(json).size()).isGreaterThanOrEqualTo(40);
  }

  private static HttpResponse<byte[]> gzipAccepted(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("X-API-KEY", TestServer.ADMIN_KEY).header("Accept-Encoding", "gzip, deflate").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void a_negative_compression_threshold_is_refused_at_start() {
    assertThatThrownBy(
            () -> new Settings(0, Path.of("data"), null, null).withCompressionMinBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--compression-min-bytes must be 0 (no compression) or more, got -1");
  }

  @Test
  void auth1_err9_authentication_comes_before_routing() {
    var noKey = server.call("GET", "/v1/no-such-route", null, null);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.error()).isEqualTo("Unauthorized");
    for (String key : new String[] {"garbage", "abcd1234.", ".secret", "zzzz9999.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123", "testkey1.wrongsecretwrongsecretwrongsecret00"}) {
      assertThat(server.call("GET", "/v1/users/alice", key, null).status()).as(key).isEqualTo(401);
    }
  }

  @Test
  void err7_unknown_routes_are_404_and_wrong_methods_405() {
    var missing = server.app("GET", "/no-such-route", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("Not found");
    assertThat(server.app("DELETE", "/users/alice", null).status()).isEqualTo(405);
  }

  /** ERR-1: a 404 raised by a route is answered with its own error body, once (not also "Not found"). */
  @Test
  void err1_a_routes_404_has_one_error_body() throws Exception {
    var response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.laurel.port() + "/v1/users/nobody-at-all"))
            .header("X-API-KEY", TestServer.ADMIN_KEY).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.body()).isEqualTo(
        dev.laurel.server.http.Wire.MAPPER.writeValueAsString(
            java.util.Map.of("error", dev.laurel.server.http.Wire.MAPPER.readTree(response.body()).path("error").asText())));
    assertThat(response.body()).doesNotContain("Not found");
  }

  @Test
  void auth6_application_keys_never_reach_the_admin_api() {
    var r = server.call("GET", "/admin/v1/metrics", appKey, null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).isEqualTo("Application API keys are not accepted by the admin API");
  }

  @Test
  void auth7_application_keys_act_only_for_their_user() {
    var own = server.call("POST", "/v1/metrics/lessons/event", appKey, "{\"user\":{\"id\":\"alice\"},\"value\":1}");
    assertThat(own.status()).isEqualTo(201);
    var other = server.call("POST", "/v1/metrics/lessons/event", appKey, "{\"user\":{\"id\":\"bob\"},\"value\":1}");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo("This API key is not authorised for user bob");
    assertThat(server.call("GET", "/v1/users/bob", appKey, null).status()).isEqualTo(403);
    assertThat(server.app("GET", "/users/bob", null).status()).isEqualTo(404);
  }

  @Test
  void auth12_a_deleted_application_key_fails_from_the_next_request_on() {
    var created = server.admin("POST", "/application-api-keys", "[{\"userId\":\"carol\"}]").body().path("created").get(0);
    String key = created.path("key").asText();
    assertThat(created.path("prefix").asText()).startsWith("app_");
    assertThat(key).startsWith(created.path("prefix").asText() + ".");
    assertThat(server.call("PUT", "/v1/users/carol", key, "{}").status()).isEqualTo(200);
    var deleted = server.admin("DELETE", "/application-api-keys?ids=" + created.path("id").asText() + ",not-a-uuid", null);
    assertThat(deleted.body().path("deleted").get(0).path("id").asText()).isEqualTo(created.path("id").asText());
    assertThat(deleted.body().path("issues").get(0).path("message").asText()).isEqualTo("id must be a valid UUID");
    assertThat(server.call("GET", "/v1/users/carol", key, null).status()).isEqualTo(401);
  }

  @Test
  void gen2_err8_every_response_is_json_with_a_request_id() {
    var r = server.app("GET", "/users/nobody", null);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void err3_malformed_bodies_are_400_where_declared_and_422_elsewhere() {
    assertThat(server.app("POST", "/metrics/lessons/event", "{not json").status()).isEqualTo(400);
    assertThat(server.app("POST", "/metrics/lessons/event", "{\"user\":{\"id\":\"a\"},\"value\":\"1\"}").status()).isEqualTo(400);
    assertThat(server.app("POST", "/metrics/lessons/event", "{\"user\":{\"id\":7},\"value\":1}").status()).isEqualTo(400);
    assertThat(server.admin("POST", "/metrics", "{not json").status()).isEqualTo(422);
    assertThat(server.app("PATCH", "/users/alice/preferences", "[]").status()).isEqualTo(422);
  }

  @Test
  void gen12_bodies_over_one_mebibyte_are_413_and_change_nothing() {
    String big = "{\"user\":{\"id\":\"big\",\"name\":\"" + "x".repeat(1 << 20) + "\"},\"value\":1}";
    var r = server.app("POST", "/metrics/lessons/event", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).contains("larger than");
    assertThat(server.app("GET", "/users/big", null).status()).isEqualTo(404);
  }

  @Test
  void gen17_the_application_api_answers_cors_preflights_without_a_key() {
    var r = server.call("OPTIONS", "/v1/metrics/lessons/event", null, null, "Origin", "https://app.example", "Access-Control-Request-Method", "POST");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.header("Access-Control-Allow-Headers")).contains("X-API-KEY").contains("Idempotency-Key");
  }

  /**
   * Issue 8: an idle keep-alive connection costs the server little heap. With Jetty's
   * per-connection cache of header lines at the size it had before (512 rows), 300 connections
   * that each made two requests held 57 KiB each (a third of the live heap with the ingest
   * benchmark's 816 connections); without it, 5 KiB. The bound is 16 KiB.
   */
  @Test
  void idle_keep_alive_connections_hold_little_heap() throws Exception {
    byte[] request =
        ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.laurel.port()
                + "\r\nUser-Agent: laurel-test/1.0\r\nAccept: application/json\r\n"
                + "Content-Type: application/json\r\nX-API-KEY: " + appKey + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int count = 300;
    List<Socket> open = new ArrayList<>();
    try {
      openAnswered(open, request, 20); // the server's per-connection classes are loaded and warm
      long before = heapAfterCollection();
      openAnswered(open, request, count);
      long after = heapAfterCollection();
      assertThat((after - before) / count).as("heap bytes per idle connection").isLessThan(16 * 1024);
    } finally {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  private static void openAnswered(List<Socket> open, byte[] request, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket("127.0.0.1", server.laurel.port());
      open.add(socket);
      socket.setSoTimeout(10_000);
      // Two requests: Jetty fills a connection's header cache from its second request on.
      for (int answered = 0; answered < 2; answered++) {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        awaitAnswer(socket.getInputStream());
      }
    }
  }

  private static void awaitAnswer(InputStream in) throws IOException {
    String read = "";
    while (!read.contains("\"status\":\"ok\"")) {
      byte[] chunk = new byte[4096];
      int n = in.read(chunk);
      if (n < 0) {
        throw new IOException("connection closed before the answer: " + read);
      }
      read += new String(chunk, 0, n, StandardCharsets.US_ASCII);
    }
  }

  private static long heapAfterCollection() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  @Test
  void health_answers_without_a_key() {
    assertThat(server.call("GET", "/health", null, null).status()).isEqualTo(200);
  }
}
