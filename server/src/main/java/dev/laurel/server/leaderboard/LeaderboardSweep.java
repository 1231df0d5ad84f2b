package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.LeaderboardRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-driven part of leaderboards, run every minute with the injected clock: runs whose
 * rankings have become final are archived (LB-7), and after every quarter hour (when some zone's
 * day may have ended) the open runs' daily snapshots are taken (LB-34). Reads finalise lazily too,
 * so a missed sweep changes nothing but snapshot timing.
 */
final class LeaderboardSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderboardSweep.class);
  private static final long QUARTER_HOUR = Duration.ofMinutes(15).toMillis();

  private final LeaderboardRepository boards;
  private final Scopes scopes;
  private final Rankings rankings;
  private final RunArchive archive;
  private final DailySnapshots snapshots;
  private final InstantSource clock;
  private final Runnable beforePass;
  private ScheduledExecutorService timer;
  private Instant lastSnapshots;

  LeaderboardSweep(
      LeaderboardRepository boards, Scopes scopes, Rankings rankings, RunArchive archive,
      DailySnapshots snapshots, InstantSource clock, Runnable beforePass) {
    this.beforePass = beforePass;
    this.boards = boards;
    this.scopes = scopes;
    this.rankings = rankings;
    this.archive = archive;
    this.snapshots = snapshots;
    this.clock = clock;
  }

  /** Every minute, one pass — on one node at a time when nodes share the database. */
  void start(dev.laurel.store.Database db) {
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("laurel-leaderboards").daemon().factory());
    timer.scheduleWithFixedDelay(() -> db.ifFirst("laurel-leaderboard-sweep", this::runSafely), 1, 1, TimeUnit.MINUTES);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.error("leaderboard sweep failed", e);
    }
  }

  /** One pass over every open run of every scope. */
  synchronized void runOnce() {
    beforePass.run();
    Instant now = clock.instant();
    boolean snapshotTime =
        lastSnapshots == null
            || lastSnapshots.toEpochMilli() / QUARTER_HOUR != now.toEpochMilli() / QUARTER_HOUR;
    for (Scope scope : boards.scopes()) {
      for (Leaderboard lb : scopes.config(scope).leaderboards()) {
        TreeSet<LocalDate> runs = new TreeSet<>();
        for (Board b : rankings.boards(lb.id())) {
          runs.add(b.run());
        }
        for (LocalDate start : runs) {
          Run run = lb.runContaining(start).orElse(new Run(start, lb.end() == null ? start : lb.end()));
          if (run.isFinalAt(now) || archive.isArchived(lb.id(), start)) {
            archive.finalise(scope, lb, run, now);
          } else if (snapshotTime) {
            snapshots.close(scope, lb, run, now, null);
          }
        }
      }
    }
    if (snapshotTime) {
      lastSnapshots = now;
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
