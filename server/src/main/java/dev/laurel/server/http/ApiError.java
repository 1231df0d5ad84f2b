package dev.laurel.server.http;

/**
 * A refusal decided at the HTTP edge with a fixed status: authentication (401), body size (413),
 * tenant resolution. Rejections of content use {@link dev.laurel.engine.Rejection}.
 */
public final class ApiError extends RuntimeException {
  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "Unauthorized");
  }
}
