package dev.laurel.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A route behind an {@link InFlightLimit}, served over real HTTP. */
class InFlightLimitTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(2);
  private final AtomicInteger handled = new AtomicInteger();
  private final HttpClient client = HttpClient.newHttpClient();
  private Javalin app;

  @BeforeEach
  void start() {
    InFlightLimit limit = new InFlightLimit(2);
    app = Javalin.create(config -> config.useVirtualThreads = true);
    app.post("/work", limit.guard(ctx -> {
      handled.incrementAndGet();
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      ctx.result("done");
    }));
    app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(java.util.Map.of("error", e.getMessage())));
    app.start(0);
  }

  @AfterEach
  void stop() {
    release.countDown();
    app.stop();
  }

  @Test
  void err2_beyond_the_limit_a_request_is_answered_503_with_retry_after_and_never_handled() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> first = List.of(send(), send());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> refused = send().get(10, TimeUnit.SECONDS);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(refused.body()).contains("at capacity");
    assertThat(handled).hasValue(2);

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> response : first) {
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(send().get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(handled).hasValue(3);
  }

  private CompletableFuture<HttpResponse<String>> send() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/work"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
