package dev.laurel.server.streaks;

import dev.laurel.store.StreakRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STREAK-9, FREEZE-4, WH-17: once a minute, settles every user whose stored next-settlement instant
 * (a period boundary of a running streak, an accrual midnight, a configuration change) has passed,
 * each in its lane and committed, so time-driven state is current for idle users too. Reads do
 * not depend on it: they settle in memory.
 */
public final class StreakSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreakSweep.class);
  private static final int BATCH = 200;
  private static final int MAX_PER_RUN = 20_000;

  private final StreakRepository streaks;
  private final StreakCommands commands;
  private final InstantSource clock;
  private ScheduledExecutorService timer;

  public StreakSweep(StreakRepository streaks, StreakCommands commands, InstantSource clock) {
    this.streaks = streaks;
    this.commands = commands;
    this.clock = clock;
  }

  /**
   * Runs {@link #runOnce()} every minute on a daemon thread — on one node at a time when nodes
   * share the database ({@link dev.laurel.store.Database#ifFirst}).
   */
  public void start(dev.laurel.store.Database db) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("laurel-streak-sweep").daemon().factory());
    timer.scheduleWithFixedDelay(() -> db.ifFirst("laurel-streak-sweep", this::runSafely), 1, 60, TimeUnit.SECONDS);
  }

  /**
   * Settles the users due at the clock's current instant; returns how many were settled. A user
   * that fails is logged and skipped (it stays due).
   */
  public int runOnce() {
    Instant now = clock.instant();
    int settled = 0;
    int attempted = 0;
    int progress;
    List<StreakRepository.DueUser> due;
    do {
      due = streaks.due(now, BATCH);
      progress = 0;
      for (StreakRepository.DueUser user : due) {
        attempted++;
        try {
          if (commands.settle(user.scope(), user.userId())) {
            progress++;
          }
        } catch (RuntimeException e) {
          LOG.error("streak sweep: settling user {} failed", user.userId(), e);
        }
      }
      settled += progress;
    } while (due.size() == BATCH && progress > 0 && attempted < MAX_PER_RUN);
    return settled;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.error("streak sweep failed", e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
