package dev.laurel.server.http;

import io.javalin.http.Handler;
import java.util.concurrent.Semaphore;

/**
 * Admission control for a route: at most {@code permits} of its requests are in the server at a
 * time (being processed or waiting for their commit); one more is answered at once with 503 and
 * {@code Retry-After: 1} (ERR-2) and has no effect. Offered more than it can commit, the server
 * would otherwise queue requests without bound until its heap is spent on them; this way it goes
 * on committing at full speed while clients back off.
 */
public final class InFlightLimit {
  private final Semaphore permits;

  public InFlightLimit(int permits) {
    this.permits = new Semaphore(permits);
  }

  /** {@code handler} behind this limit. */
  public Handler guard(Handler handler) {
    return ctx -> {
      if (!permits.tryAcquire()) {
        ctx.header("Retry-After", "1");
        throw new ApiError(503, "The server is at capacity; retry shortly");
      }
      try {
        handler.handle(ctx);
      } finally {
        permits.release();
      }
    };
  }
}
