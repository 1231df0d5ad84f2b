package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.store.Database;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.RunArchiveRepository;
import dev.laurel.store.RunArchiveRepository.FinalRank;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LB-7: finalises runs. Once a run's rankings are final (12:00 UTC after its last date, or at once
 * when a leaderboard is finished by request, LB-5) its last day is snapshotted (LB-34), its
 * participants per group — rebuilt from the stored entries — are archived with their final ranks,
 * and its boards leave memory; reads of the run then come from the archive. Finalisation is lazy
 * (on read) and swept, idempotent.
 */
public final class RunArchive {
  private final Database db;
  private final RankingRepository repository;
  private final RunArchiveRepository archive;
  private final Rankings rankings;
  private final DailySnapshots snapshots;
  private final Map<String, Set<LocalDate>> finalised = new ConcurrentHashMap<>();

  RunArchive(
      Database db, RankingRepository repository, RunArchiveRepository archive, Rankings rankings,
      DailySnapshots snapshots) {
    this.db = db;
    this.repository = repository;
    this.archive = archive;
    this.rankings = rankings;
    this.snapshots = snapshots;
  }

  /** Whether the run's final rankings are archived. */
  public boolean isArchived(String leaderboardId, LocalDate run) {
    return finalisedRuns(leaderboardId).contains(run);
  }

  /** Finalises the run if its rankings are final at {@code now}; returns whether it is archived. */
  public boolean ensureFinal(Scope scope, Leaderboard lb, Run run, Instant now) {
    if (isArchived(lb.id(), run.start())) {
      return true;
    }
    if (!run.isFinalAt(now)) {
      return false;
    }
    finalise(scope, lb, run, now);
    return true;
  }

  /** Finalises the run now, whatever the time (LB-5 finish by request). */
  public synchronized void finalise(Scope scope, Leaderboard lb, Run run, Instant now) {
    Set<LocalDate> done = finalisedRuns(lb.id());
    if (done.contains(run.start())) {
      dropBoards(lb.id(), run.start()); // a late update may have recreated one
      return;
    }
    reload(lb.id(), run.start());
    LocalDate lastDay = run.end() == null ? LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) : run.end();
    snapshots.close(scope, lb, run, now, lastDay);
    Map<String, List<FinalRank>> byGroup = new LinkedHashMap<>();
    List<Board> boards = new ArrayList<>();
    for (Board board : rankings.boards(lb.id())) {
      if (board.run().equals(run.start())) {
        boards.add(board);
        List<FinalRank> ranks = new ArrayList<>();
        for (RankEntry e : rankings.range(board, 0, lb.maxParticipants())) {
          ranks.add(new FinalRank(e.userId(), e.rank(), e.value().toBigDecimal()));
        }
        byGroup.put(board.group(), ranks);
      }
    }
    db.write(tx -> {
      archive.finalise(tx, lb.id(), run.start(), byGroup, now);
      return null;
    });
    done.add(run.start());
    boards.forEach(rankings::drop);
  }

  /**
   * Rebuilds the run's boards from the store before archiving them: the final rankings come from
   * the truth (CON-14), whatever this node's memory saw.
   */
  private void reload(String leaderboardId, LocalDate run) {
    dropBoards(leaderboardId, run);
    Map<String, Rankings.Loader> loaders = new LinkedHashMap<>();
    repository.runEntries(leaderboardId, run, e ->
        loaders.computeIfAbsent(e.group(), g -> rankings.rebuild(new Board(leaderboardId, run, g)))
            .add(e.userId(), RankValue.of(e.value()), e.reachedAt()));
    loaders.values().forEach(Rankings.Loader::finish);
  }

  private void dropBoards(String leaderboardId, LocalDate run) {
    for (Board board : rankings.boards(leaderboardId)) {
      if (board.run().equals(run)) {
        rankings.drop(board);
      }
    }
  }

  /** Forgets a deleted leaderboard (LB-39). */
  public void forget(String leaderboardId) {
    finalised.remove(leaderboardId);
  }

  private Set<LocalDate> finalisedRuns(String leaderboardId) {
    return finalised.computeIfAbsent(leaderboardId, id -> {
      Set<LocalDate> runs = ConcurrentHashMap.newKeySet();
      runs.addAll(archive.finalisedRuns(id));
      return runs;
    });
  }
}
