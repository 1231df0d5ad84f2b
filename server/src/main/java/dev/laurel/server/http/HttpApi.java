package dev.laurel.server.http;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Rejection;
import dev.laurel.server.auth.ApiKeys;
import dev.laurel.server.auth.Caller;
import dev.laurel.server.leaderboard.RankingsUnavailableException;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.StoreException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: both APIs on one port (GEN-1), authentication and scope filters in ERR-9's
 * order, CORS on the application API (GEN-17), and the one table of errors to statuses (ERR-2).
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  public static final String APP = "/v1";
  public static final String ADMIN = "/admin/v1";
  private static final String JSON = "application/json; charset=utf-8";

  /**
   * Connections the kernel holds for the server before it accepts them (the listen backlog; Linux
   * caps it at {@code net.core.somaxconn}, 4,096 by default). Jetty leaves it to the JDK's 50: a
   * burst of new connections larger than that (clients opening more while requests queue) had SYNs
   * dropped, and each such client waited a second for its retransmission (issue 8: p99.9 of 1 s at
   * 5,000 events/s offered, docs/PERFORMANCE.md).
   */
  static final int ACCEPT_QUEUE = 1024;

  /** ERR-3: operations whose contract declares 400 for malformed requests. */
  private static final Set<String> MALFORMED_IS_400 =
      Set.of(
          "POST " + APP + "/metrics/{key}/event",
          "POST " + APP + "/users",
          "GET " + APP + "/users/{id}",
          "PUT " + APP + "/users/{id}",
          "PATCH " + APP + "/users/{id}",
          "POST " + ADMIN + "/metrics/events",
          "POST " + ADMIN + "/streaks/freezes",
          "POST " + ADMIN + "/streaks/restore");

  private HttpApi() {}

  /**
   * Builds the server with the given route registrations; {@code ready} answers /health. JSON
   * responses of at least {@code compressionMinBytes} bytes are gzipped for clients that accept it
   * (0: none).
   */
  public static Javalin create(ApiKeys keys, Scopes scopes, int compressionMinBytes, Consumer<Javalin> routes) {
    Javalin app =
        Javalin.create(
            config -> {
              config.useVirtualThreads = true;
              config.showJavalinBanner = false;
              config.http.maxRequestSize = Body.BATCH_LIMIT;
              config.http.prefer405over404 = true;
              // The buffer a ctx.result response is copied through (Javalin allocates one per
              // response; its default, Jetty's 32 KiB output buffer, was most of an event's
              // garbage before JSON went through Wire.send, which writes its bytes at once).
              // Javalin decides to compress on the first write through this buffer, so a
              // threshold above it needs a buffer as large.
              config.http.responseBufferSize = Math.max(4096, compressionMinBytes);
              config.http.customCompression(compression(compressionMinBytes));
              config.jsonMapper(new JavalinJackson(Wire.MAPPER, true));
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonBadMessages()));
              // No cache of header lines per connection: Jetty allocates one in each connection's
              // parser, a trie of 96 bytes per row (a row per character of header text cached), at
              // its full size whatever the connection sends: 48 KiB at 512 rows, 96 KiB at Jetty's
              // default 1,024, so idle keep-alive connections held a third of the live heap (40 MiB
              // at the ingest benchmark's 816). Without it, each request allocates its few header
              // fields afresh (issue 8, docs/PERFORMANCE.md).
              config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            });
    // Javalin adds its connector just before this event and starts it after.
    app.events(events -> events.serverStarting(() -> {
      for (Connector connector : app.jettyServer().server().getConnectors()) {
        if (connector instanceof ServerConnector server) {
          server.setAcceptQueueSize(ACCEPT_QUEUE);
        }
      }
    }));
    app.before(ctx -> ctx.header("X-Request-Id", Ids.randomUuid()));
    app.after(HttpApi::jsonContentType);
    app.before(APP + "/*", ctx -> cors(ctx));
    app.before(APP + "/*", ctx -> authenticate(ctx, keys));
    app.before(ADMIN + "/*", ctx -> authenticate(ctx, keys));
    app.beforeMatched(ctx -> resolveScope(ctx, scopes));
    app.get("/health", ctx -> Wire.send(ctx, Wire.obj().with("status", "ok")));
    app.get("/ready", ctx -> Wire.send(ctx, Wire.obj().with("status", "ready")));
    app.get("/openapi/extensions.json", ctx -> ctx.result(extensions()));
    routes.accept(app);
    app.exception(Rejection.class, (e, ctx) -> error(ctx, HttpStatus.of(e, malformedIs400(ctx)), e.getMessage()));
    app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(StoreException.class, (e, ctx) -> {
      LOG.error("request {} failed in the store", ctx.res().getHeader("X-Request-Id"), e);
      ctx.header("Retry-After", "1");
      error(ctx, 503, "The database is unavailable; retry shortly");
    });
    app.exception(RankingsUnavailableException.class, (e, ctx) -> {
      LOG.warn("request {} failed: {}", ctx.res().getHeader("X-Request-Id"), e.getMessage());
      ctx.header("Retry-After", "1");
      error(ctx, 503, "The leaderboard rankings are unavailable; retry shortly");
    });
    app.exception(HttpResponseException.class, (e, ctx) -> httpException(ctx, e));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("request {} failed", ctx.res().getHeader("X-Request-Id"), e);
      error(ctx, 500, "Internal server error");
    });
    app.error(404, ctx -> {
      if (!Wire.sent(ctx) && (ctx.result() == null || ctx.result().isEmpty())) {
        error(ctx, 404, "Not found");
      }
    });
    return app;
  }

  /** Gzip (Javalin's default level) from {@code minBytes} up; none for 0. */
  private static CompressionStrategy compression(int minBytes) {
    if (minBytes == 0) {
      return CompressionStrategy.NONE;
    }
    CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
    gzip.setDefaultMinSizeForCompression(minBytes);
    return gzip;
  }

  /** Our OpenAPI file: the endpoints beyond the reference contracts (§26.3, §27). */
  private static byte[] extensions() throws java.io.IOException {
    try (var in = HttpApi.class.getResourceAsStream("/openapi/laurel-extensions.json")) {
      return in.readAllBytes();
    }
  }

  /**
   * GEN-2: {@code Content-Type: application/json; charset=utf-8}, spelled exactly so. Jetty
   * canonicalises the value given to {@code setContentType} (dropping the space), so the header
   * field itself is replaced.
   */
  private static void jsonContentType(Context ctx) {
    if (ctx.status().getCode() == 204) {
      return;
    }
    ctx.contentType(JSON);
    org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(ctx.req());
    if (base != null) {
      base.getResponse().getHttpFields().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, JSON);
    }
  }

  private static void cors(Context ctx) {
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
    if (ctx.method().name().equals("OPTIONS")) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      ctx.header("Access-Control-Allow-Headers", "X-API-KEY, Content-Type, Tenant-ID, Idempotency-Key");
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      ctx.skipRemainingHandlers();
    }
  }

  private static void authenticate(Context ctx, ApiKeys keys) {
    if (ctx.method().name().equals("OPTIONS")) {
      return;
    }
    ctx.attribute(Requests.CALLER, keys.authenticate(ctx.header("X-API-KEY")));
  }

  private static void resolveScope(Context ctx, Scopes scopes) {
    Caller caller = Requests.caller(ctx);
    if (caller == null) {
      return;
    }
    String path = ctx.endpointHandlerPath();
    if (path.startsWith(ADMIN) && caller.isApplicationKey()) {
      throw new ApiError(403, "Application API keys are not accepted by the admin API");
    }
    boolean tenantAware = !path.startsWith(ADMIN + "/tenants");
    ctx.attribute(Requests.SCOPE, scopes.resolve(caller, ctx.header("Tenant-ID"), tenantAware));
  }

  private static boolean malformedIs400(Context ctx) {
    try {
      return MALFORMED_IS_400.contains(ctx.method().name() + " " + ctx.endpointHandlerPath());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void httpException(Context ctx, HttpResponseException e) {
    int status = e.getStatus();
    if (status == 405) {
      // ERR-2: a 405 names the path's methods in Allow (Javalin lists them in the details).
      e.getDetails().values().stream().findFirst().ifPresent(methods -> ctx.header("Allow", methods));
    }
    String message =
        switch (status) {
          case 404 -> "Not found";
          case 405 -> "Method not allowed";
          case 413 -> "Request body is larger than the limit";
          default -> e.getMessage();
        };
    error(ctx, status, message);
  }

  /**
   * ERR-1 / GEN-2 for the requests Jetty refuses before any route runs (malformed URI or request
   * line, URI or headers too large): a JSON error body instead of Jetty's HTML page.
   */
  static final class JsonBadMessages extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      String message =
          switch (status) {
            case 413 -> "Request body is larger than the limit";
            case 414 -> "Request URI is too long";
            case 431 -> "Request header fields are too large";
            default -> "Bad request";
          };
      fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      return ByteBuffer.wrap(("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** ERR-1: every error is {@code {"error": "..."}} with a JSON content type. */
  public static void error(Context ctx, int status, String message) {
    ctx.status(status);
    Wire.send(ctx, Wire.obj().with("error", message));
  }
}
