package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.engine.leaderboard.Snapshot;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.store.Database;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.RunArchiveRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LB-34: persists users' daily rank snapshots of a run. For every participant of the run, and
 * every user whose last snapshot had a rank, the local day that has just ended is snapshotted
 * when the user's standing then differs from their last snapshot — whether they moved or others
 * overtook them ({@link Snapshot#toClose}). The sweep calls it shortly after local midnights;
 * finalisation calls it once more for the run's last day.
 */
final class DailySnapshots {
  private final Database db;
  private final RankingRepository repository;
  private final RunArchiveRepository archive;
  private final Rankings rankings;

  DailySnapshots(Database db, RankingRepository repository, RunArchiveRepository archive, Rankings rankings) {
    this.db = db;
    this.repository = repository;
    this.archive = archive;
    this.rankings = rankings;
  }

  /**
   * Snapshots written per transaction. Issue 8: a run's due snapshots were written in one
   * transaction, which held the embedded store's one writer, and every event behind it, for as long
   * as they took (about 55 ms for the benchmark's 10,000, longer for larger runs). A pass cut short
   * between chunks is completed by the next one: a snapshot written is not due again, one not
   * written still is.
   */
  private static final int CHUNK = 256;

  private record Standing(Integer rank, Long value) {}

  /**
   * Snapshots one run. {@code lastDay} non-null closes that day for every user (finalisation);
   * otherwise each user's local yesterday.
   */
  void close(Scope scope, Leaderboard lb, Run run, Instant now, LocalDate lastDay) {
    Map<String, Standing> standings = new LinkedHashMap<>();
    for (Board board : rankings.boards(lb.id())) {
      if (board.run().equals(run.start())) {
        for (RankEntry e : rankings.range(board, 0, lb.maxParticipants())) {
          standings.put(e.userId(), new Standing(e.rank(), e.value().reported()));
        }
      }
    }
    Map<String, Snapshot> last = archive.lastSnapshots(lb.id(), run.start());
    for (Map.Entry<String, Snapshot> e : last.entrySet()) {
      if (e.getValue().rank() != null) {
        standings.putIfAbsent(e.getKey(), new Standing(null, null));
      }
    }
    if (standings.isEmpty()) {
      return;
    }
    Map<String, RankingRepository.UserInfo> users = repository.users(scope, new ArrayList<>(standings.keySet()));
    Map<String, Snapshot> due = new HashMap<>();
    for (Map.Entry<String, Standing> e : standings.entrySet()) {
      LocalDate today = lastDay != null ? lastDay.plusDays(1) : LocalDate.ofInstant(now, zone(users.get(e.getKey())));
      Snapshot.toClose(last.get(e.getKey()), today, run, e.getValue().rank(), e.getValue().value())
          .ifPresent(s -> due.put(e.getKey(), s));
    }
    List<Map.Entry<String, Snapshot>> rows = new ArrayList<>(due.entrySet());
    for (int from = 0; from < rows.size(); from += CHUNK) {
      List<Map.Entry<String, Snapshot>> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
      db.write(tx -> {
        for (Map.Entry<String, Snapshot> e : chunk) {
          archive.saveSnapshot(tx, lb.id(), run.start(), e.getKey(), e.getValue());
        }
        return null;
      });
    }
  }

  /** TIME-2: the user's zone, UTC when unset. */
  static ZoneId zone(RankingRepository.UserInfo user) {
    return user == null || user.tz() == null ? ZoneOffset.UTC : ZoneId.of(user.tz());
  }
}
