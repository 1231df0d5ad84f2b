package dev.laurel.server.points;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TRIG-11: settles idle users' time-trigger firings on a fixed period (well inside the 10 minutes
 * the rule allows), once right at start so that firings missed while the server was down are
 * applied. Users touched in between are settled lazily by their own requests.
 */
public final class PointsSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PointsSweeper.class);
  public static final Duration PERIOD = Duration.ofMinutes(1);

  private final PointsService service;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("laurel-points-sweep").daemon().unstarted(r));

  public PointsSweeper(PointsService service) {
    this.service = service;
  }

  /** Sweeps every period — on one node at a time when nodes share the database. */
  public void start(dev.laurel.store.Database db) {
    executor.scheduleWithFixedDelay(
        () -> db.ifFirst("laurel-points-sweep", this::runOnce), 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One sweep of every scope; failures are logged and retried on the next period. */
  public void runOnce() {
    try {
      int settled = service.sweep(null);
      if (settled > 0) {
        LOG.debug("settled time triggers of {} users", settled);
      }
    } catch (RuntimeException e) {
      LOG.error("points sweep failed; retrying next period", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
