package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankHistory;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.RunArchiveRepository;
import dev.laurel.store.RunArchiveRepository.FinalPlace;
import dev.laurel.store.RunArchiveRepository.FinalRank;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rankings of one run and group as the reads see them (LB-23, LB-29, LB-33): from the live
 * rankings while the run is open, from the archive once it is final (LB-7). Ranks shown are those
 * of participants only (LB-10).
 */
final class LeaderboardReads {
  private final Rankings rankings;
  private final RankingRepository repository;
  private final RunArchiveRepository archived;
  private final RunArchive archive;

  LeaderboardReads(Rankings rankings, RankingRepository repository, RunArchiveRepository archived, RunArchive archive) {
    this.rankings = rankings;
    this.repository = repository;
    this.archived = archived;
    this.archive = archive;
  }

  /** One participant as listed: id, 1-based rank, reported value (LB-11). */
  record Ranked(String userId, int rank, long value) {}

  /** A user's standing: rank and reported value, both null when not a participant. */
  record Standing(Integer rank, Long value) {}

  /**
   * LB-23, LB-29: participants at positions {@code offset+1 … offset+limit}, or, with {@code
   * userId}, the page starting {@code offset} places above that user ({@code []} if the user is no
   * participant).
   */
  List<Ranked> page(Scope scope, Leaderboard lb, Run run, String group, int offset, int limit, String userId, Instant now) {
    if (archive.ensureFinal(scope, lb, run, now)) {
      int from = offset;
      if (userId != null) {
        FinalPlace place = archived.finalPlace(lb.id(), run.start(), userId);
        if (place == null || !place.group().equals(group)) {
          return List.of();
        }
        from = Math.max(0, place.rank() - 1 - offset);
      }
      List<Ranked> out = new ArrayList<>();
      for (FinalRank r : archived.finalRanks(lb.id(), run.start(), group, from, limit)) {
        out.add(new Ranked(r.userId(), r.rank(), RankValue.of(r.value()).reported()));
      }
      return out;
    }
    Board board = new Board(lb.id(), run.start(), group);
    int max = lb.maxParticipants();
    int from = offset;
    if (userId != null) {
      int rank = rankings.rank(board, userId);
      if (rank < 1 || rank > max) {
        return List.of();
      }
      from = Math.max(0, rank - 1 - offset);
    }
    int count = from >= max ? 0 : (int) Math.min(limit, (long) max - from);
    List<Ranked> out = new ArrayList<>();
    for (RankEntry e : rankings.range(board, from, count)) {
      out.add(new Ranked(e.userId(), e.rank(), e.value().reported()));
    }
    return out;
  }

  /** LB-33: the user's rank and reported value in the run and their group. */
  Standing standing(Scope scope, Leaderboard lb, Run run, UserState user, Instant now) {
    String userId = user.profile().id();
    if (archive.ensureFinal(scope, lb, run, now)) {
      FinalPlace place = archived.finalPlace(lb.id(), run.start(), userId);
      return place == null
          ? new Standing(null, null)
          : new Standing(place.rank(), RankValue.of(place.value()).reported());
    }
    LeaderboardEntry entry = entry(scope, lb, run, user);
    if (entry == null || entry.group() == null) {
      return new Standing(null, null);
    }
    Integer rank =
        LeaderboardTracker.participant(
            rankings.rank(new Board(lb.id(), run.start(), entry.group()), userId), lb.maxParticipants());
    return rank == null ? new Standing(null, null) : new Standing(rank, entry.rankValue().reported());
  }

  /** LB-34: the user's daily history in the run, with a provisional snapshot while it is open. */
  List<RankHistory.Event> history(Leaderboard lb, Run run, UserState user, Standing standing, int numEvents, Instant now) {
    LocalDate day = null;
    if (!archive.isArchived(lb.id(), run.start())) {
      LocalDate today = LocalDate.ofInstant(now, user.profile().zone());
      if (!today.isBefore(run.start())) {
        day = run.end() != null && today.isAfter(run.end()) ? run.end() : today;
      }
    }
    return RankHistory.of(
        archived.snapshots(lb.id(), run.start(), user.profile().id()), day, standing.rank(), standing.value(), numEvents);
  }

  private LeaderboardEntry entry(Scope scope, Leaderboard lb, Run run, UserState user) {
    LeaderboardEntry latest = user.leaderboards().get(lb.id());
    if (latest != null && latest.run().equals(run.start())) {
      return latest;
    }
    return repository.entry(scope, lb.id(), run.start(), user.profile().id());
  }
}
