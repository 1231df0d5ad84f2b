package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: while PostgreSQL is unreachable requests fail fast with 503 and Retry-After, write
 * nothing, and the server recovers by itself when the database returns.
 */
class DatabaseOutageTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("X-API-KEY", TestServer.ADMIN_KEY)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requests_get_503_during_an_outage_and_succeed_again_after_it() throws Exception {
    String name = TestDatabases.createPostgresDatabase();
    try (TcpProxy proxy = new TcpProxy(5432)) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name + "?user=postgres";
      try (Laurel laurel =
          Laurel.start(
              new Settings(0, TestDatabases.temporaryDirectory("laurel-outage"), null, TestServer.ADMIN_KEY, url),
              InstantSource.system(),
              new PrintStream(new ByteArrayOutputStream(), true))) {
        int port = laurel.port();
        assertThat(send(port, "POST", "/admin/v1/metrics", "[{\"key\":\"cards\",\"name\":\"Cards\"}]").statusCode()).isEqualTo(201);
        String event = "{\"user\":{\"id\":\"u1\"},\"value\":1}";
        assertThat(send(port, "POST", "/v1/metrics/cards/event", event).statusCode()).isEqualTo(201);

        proxy.cut();
        long start = System.nanoTime();
        HttpResponse<String> during = send(port, "POST", "/v1/metrics/cards/event", event);
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(during.body()).contains("\"error\"");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);

        proxy.restore();
        HttpResponse<String> after = null;
        for (int i = 0; i < 50; i++) {
          after = send(port, "POST", "/v1/metrics/cards/event", event);
          if (after.statusCode() == 201) {
            break;
          }
          Thread.sleep(200);
        }
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.body()).contains("\"total\":2");
      }
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }
}
