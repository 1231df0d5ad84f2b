package dev.laurel.server.http;

import dev.laurel.engine.Rejection;

/** ERR-2: the one place where a rejection becomes an HTTP status. */
public final class HttpStatus {
  private HttpStatus() {}

  /**
   * The status for a rejection. {@code malformedIs400} is true on the operations whose contract
   * declares 400 for malformed requests (ERR-3); elsewhere a malformed request is a 422.
   */
  public static int of(Rejection rejection, boolean malformedIs400) {
    return switch (rejection.kind()) {
      case MALFORMED -> malformedIs400 ? 400 : 422;
      case INVALID -> 422;
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
    };
  }
}
