package dev.laurel.server.leaderboard;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs of a user's rankings that must happen even while the rankings' backend is unreachable:
 * each runs on a virtual thread and is retried, backing off from one second to thirty, until it
 * succeeds. A repair sets the user's rankings from the state the store holds, so running it late
 * or twice is harmless. Pending repairs are dropped when the node stops (see README "Deployment").
 */
final class RankingRepairs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RankingRepairs.class);
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private volatile boolean closed;

  void submit(String what, Runnable repair) {
    Thread.startVirtualThread(() -> retry(what, repair));
  }

  private void retry(String what, Runnable repair) {
    Duration wait = FIRST_WAIT;
    for (int attempt = 1; !closed; attempt++) {
      try {
        repair.run();
        if (attempt > 1) {
          LOG.info("repaired the rankings of {} after {} attempts", what, attempt);
        }
        return;
      } catch (RuntimeException e) {
        if (attempt == 1 || attempt % 10 == 0) {
          LOG.warn("repairing the rankings of {} failed (attempt {}), retrying: {}", what, attempt, e.getMessage());
        }
      }
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
    }
    LOG.warn("the node stops: the rankings of {} stay unrepaired until that user's next change", what);
  }

  @Override
  public void close() {
    closed = true;
  }
}
