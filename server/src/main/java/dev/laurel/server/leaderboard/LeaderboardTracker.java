package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Contribution;
import dev.laurel.engine.leaderboard.EntryChange;
import dev.laurel.engine.leaderboard.LeaderboardContributions;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.Sql;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Applies a user's leaderboard entry changes (EVENT-4 step 7) to the rankings inside the user's
 * lane, so the response carries the new ranks (LB-31, LB-32), and writes the entries in the
 * request's transaction. The rankings are updated before the commit; if the commit fails they are
 * repaired from the user's state as the store and later requests left it. If the rankings cannot be
 * reached (Redis down), the request fails before anything is committed and whatever part of its
 * changes the rankings may have taken is repaired the same way once they answer again.
 */
public final class LeaderboardTracker {
  private final Rankings rankings;
  private final RankingRepository repository;
  private final RankingRepairs repairs = new RankingRepairs();
  private volatile Lanes lanes;

  /**
   * Runs a repair in a user's lane. {@code inSession} runs in a session of the user's with the
   * user's state as it then is (null: no user); a session that, on several nodes, holds the user
   * against every node's sessions and moves the user's state version on when the user exists, so
   * that a request of another node that read the user before it cannot commit after it without
   * failing (and being repaired in turn): the rankings it sets from that state are the user's
   * until the user's next change. What {@code inSession} returns runs after the session.
   */
  @FunctionalInterface
  public interface Lanes {
    void run(Scope scope, String userId, Function<UserState, Runnable> inSession);
  }

  public LeaderboardTracker(Rankings rankings, RankingRepository repository) {
    this.rankings = rankings;
    this.repository = repository;
  }

  /** Stops retrying repairs (the node stops). */
  void close() {
    repairs.close();
  }

  /** Where repairs after an unreachable backend run (call before serving requests). */
  public void repairIn(Lanes lanes) {
    this.lanes = lanes;
  }

  /** The changes of one request, applied to the rankings. */
  public final class Applied {
    private final Scope scope;
    private final String userId;
    private final LeaderboardEntries before;
    private final LeaderboardEntries after;
    private final List<EntryChange> changes;
    private final List<Placement> placements;

    private Applied(
        Scope scope,
        String userId,
        LeaderboardEntries before,
        LeaderboardEntries after,
        List<EntryChange> changes,
        List<Placement> placements) {
      this.scope = scope;
      this.userId = userId;
      this.before = before;
      this.after = after;
      this.changes = changes;
      this.placements = placements;
    }

    /** Entries whose value changed, in leaderboard creation order (LB-31). */
    public List<Placement> placements() {
      return placements;
    }

    public boolean isEmpty() {
      return changes.isEmpty();
    }

    /** {@link #write} as a unit of work for the request's transaction. */
    public Sql.TxWork<Void> writes() {
      return tx -> {
        write(tx);
        return null;
      };
    }

    /** Stores the user's entries if they changed; call inside the request's transaction. */
    public void write(Tx tx) throws SQLException {
      if (!changes.isEmpty()) {
        repository.saveEntries(tx, scope, userId, before, after);
      }
    }

    /**
     * When {@code done} fails, repairs the rankings, in the user's lane ({@link #repairIn}) with the
     * user's state as it then is (what later requests staged, else the store).
     */
    public void repairOnFailure(CompletableFuture<Void> done) {
      if (changes.isEmpty()) {
        return;
      }
      done.whenComplete((ok, failure) -> {
        if (failure != null) {
          submitRepair();
        }
      });
    }

    /** Repairs the rankings later, in the user's lane ({@link #repairIn}; none before it is set). */
    private void submitRepair() {
      Lanes inLanes = lanes;
      if (inLanes != null) {
        repairs.submit("user " + userId, () -> inLanes.run(scope, userId, this::repair));
      }
    }

    /**
     * Sets the rankings of every changed entry from {@code current}, the user's state in a session:
     * those of the latest runs at once; returns the rest, entries of earlier runs, read from the
     * store after the session (they no longer change with the user's events).
     */
    private Runnable repair(UserState current) {
      LeaderboardEntries entries = current == null ? LeaderboardEntries.EMPTY : current.leaderboards();
      List<EntryChange> earlier = new ArrayList<>();
      for (EntryChange c : changes) {
        LeaderboardEntry now = entries.get(c.leaderboard().id());
        if (now != null && now.run().equals(c.after().run())) {
          reset(c, now);
        } else {
          earlier.add(c);
        }
      }
      return () -> {
        for (EntryChange c : earlier) {
          reset(c, repository.entry(scope, c.leaderboard().id(), c.after().run(), userId));
        }
      };
    }

    /**
     * Sets the user's ranking in the change's run to {@code now} (null: no entry), and leaves the
     * user out of the run's other groups the change touched. The board the user stays on is
     * updated in place, never emptied of the user first: a reader meanwhile finds the user ranked.
     */
    private void reset(EntryChange c, LeaderboardEntry now) {
      String id = c.leaderboard().id();
      LocalDate run = c.after().run();
      Board stays = null;
      if (now != null && now.group() != null) {
        stays = new Board(id, run, now.group());
        rankings.update(stays, userId, now.rankValue(), now.reachedAt().toEpochMilli(), c.leaderboard().maxParticipants());
      }
      Set<String> touched = new LinkedHashSet<>();
      touched.add(c.after().group());
      if (c.before() != null) {
        touched.add(c.before().group());
      }
      for (String group : touched) {
        Board board = new Board(id, run, group);
        if (group != null && !board.equals(stays)) {
          rankings.remove(board, userId);
        }
      }
    }
  }

  /** A user's state with refreshed leaderboard entries, and those changes applied to the rankings. */
  public record Refreshed(UserState state, Applied applied) {}

  /**
   * Outside events (user writes, streak commands, points settled or awarded outside events): moves
   * the user's values to their current groups (LB-14), adds the change of each points total between
   * {@code before} and {@code next} to points leaderboards (LB-16) and sets streak leaderboards to
   * {@code streakLength} when it is not null (LB-17), then applies the changes to the rankings.
   * {@code before} is null for a new user. Call it in the user's lane; write {@link
   * Refreshed#applied()} in the same transaction as {@code next}.
   */
  public Refreshed refresh(
      Scope scope, ScopeConfig config, UserState before, UserState next, Integer streakLength, Instant now) {
    Contribution contribution = new Contribution(null, null, pointsDeltas(before, next), streakLength);
    UserState refreshed =
        next.withLeaderboards(
            LeaderboardContributions.apply(config, next.profile(), next.leaderboards(), contribution, now));
    return new Refreshed(refreshed, apply(scope, config, before, refreshed));
  }

  /** The effective change of each points total from {@code before} to {@code next} (PTS-6). */
  static Map<String, Long> pointsDeltas(UserState before, UserState next) {
    Map<String, Long> deltas = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Long> total : next.points().totals().entrySet()) {
      long old = before == null ? 0 : before.points().total(total.getKey());
      if (total.getValue() != old) {
        deltas.put(total.getKey(), total.getValue() - old);
      }
    }
    return deltas;
  }

  /** Applies the difference between two states of one user's entries to the rankings. */
  public Applied apply(Scope scope, ScopeConfig config, UserState before, UserState after) {
    LeaderboardEntries old = before == null ? LeaderboardEntries.EMPTY : before.leaderboards();
    List<EntryChange> changes = EntryChange.between(config.leaderboards(), old, after.leaderboards());
    String userId = after.profile().id();
    List<Placement> placements = new ArrayList<>();
    try {
      for (EntryChange c : changes) {
        Placement p = apply(c, userId);
        if (p != null) {
          placements.add(p);
        }
      }
    } catch (RankingsUnavailableException e) {
      new Applied(scope, userId, old, after.leaderboards(), changes, List.of()).submitRepair();
      throw e;
    }
    return new Applied(scope, userId, old, after.leaderboards(), changes, placements);
  }

  private Placement apply(EntryChange c, String userId) {
    String id = c.leaderboard().id();
    LeaderboardEntry after = c.after();
    int max = c.leaderboard().maxParticipants();
    if (c.before() != null && c.before().group() != null && !c.before().group().equals(after.group())) {
      rankings.remove(new Board(id, after.run(), c.before().group()), userId);
    }
    Rankings.Moved moved =
        after.group() == null
            ? new Rankings.Moved(0, 0, RankValue.ZERO)
            : rankings.update(new Board(id, after.run(), after.group()), userId, after.rankValue(),
                after.reachedAt().toEpochMilli(), max);
    if (!c.valueChanged()) {
      return null;
    }
    Run run = c.leaderboard().runContaining(after.run()).orElse(new Run(after.run(), after.run()));
    long threshold = after.group() == null ? 0 : moved.threshold().reported();
    return new Placement(c.leaderboard(), run, after.group(), participant(moved.rank(), max),
        participant(moved.previousRank(), max), threshold);
  }

  /** LB-10: a candidate's rank when it is among the first {@code max}, else none. */
  static Integer participant(int rank, int max) {
    return rank >= 1 && rank <= max ? rank : null;
  }
}
