package dev.laurel.server.leaderboard;

/**
 * The rankings could not be read or changed because their backend (Redis) did not answer: the
 * request fails with 503 and {@code Retry-After} before anything is committed.
 */
public final class RankingsUnavailableException extends RuntimeException {
  public RankingsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
