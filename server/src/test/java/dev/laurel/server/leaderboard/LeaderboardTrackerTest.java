package dev.laurel.server.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.RankBy;
import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Database;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The repair of a user's rankings after a request whose commit failed (LB-10, LB-19): the rankings
 * end as the user's state in the repair's session has them, and a board the user stays on is
 * updated in place, never emptied of the user first (a reader meanwhile, on any node, would miss
 * the user).
 */
class LeaderboardTrackerTest {
  private static final Scope SCOPE = Scope.defaultTenant("env");
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final LocalDate RUN = LocalDate.parse("2025-01-15");
  private static final Leaderboard CARDS =
      new Leaderboard("lb-cards", "cards", "Cards", null, LeaderboardStatus.ACTIVE, RankBy.METRIC, "m-cards", null,
          1000, LocalDate.parse("2025-01-01"), null, null, null, List.of(), null, null, true, T0);
  private static final ScopeConfig CONFIG = ScopeConfig.empty().withLeaderboards(List.of(CARDS));

  private final Database db = TestDatabases.sqlite();
  private final Recording rankings = new Recording();
  private final LeaderboardTracker tracker = new LeaderboardTracker(rankings, new RankingRepository(db));

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void lb19_a_failed_commit_is_repaired_from_the_session_state_without_leaving_the_board() throws Exception {
    UserState committed = user(entry(RUN, "all", 5));
    rankings.update(board("all"), "ann", RankValue.of(5), T0.toEpochMilli(), 1000);
    UserState failed = user(entry(RUN, "all", 8));
    LeaderboardTracker.Applied applied = tracker.apply(SCOPE, CONFIG, committed, failed);
    assertThat(value("all")).isEqualTo(8);

    List<String> steps = repairWith(committed, applied);

    assertThat(value("all")).isEqualTo(5);
    assertThat(steps).containsExactly("session", "update all", "after the session");
  }

  @Test
  void lb14_a_repair_moves_the_user_back_to_the_group_of_the_session_state() throws Exception {
    UserState committed = user(entry(RUN, "pro", 5));
    rankings.update(board("pro"), "ann", RankValue.of(5), T0.toEpochMilli(), 1000);
    LeaderboardTracker.Applied applied = tracker.apply(SCOPE, CONFIG, committed, user(entry(RUN, "free", 7)));
    assertThat(rankings.rank(board("pro"), "ann")).isZero();

    List<String> steps = repairWith(committed, applied);

    assertThat(value("pro")).isEqualTo(5);
    assertThat(rankings.rank(board("free"), "ann")).isZero();
    assertThat(steps).containsExactly("session", "update pro", "remove free", "after the session");
  }

  @Test
  void lb2_an_entry_of_an_earlier_run_is_read_from_the_store_after_the_session() throws Exception {
    // The failed request's entry was in RUN; the user's state (another node's later event) is in
    // the next run, so RUN's entry is a stored row (none here: the failed request wrote nothing).
    UserState before = user(entry(RUN, "all", 5));
    rankings.update(board("all"), "ann", RankValue.of(5), T0.toEpochMilli(), 1000);
    LeaderboardTracker.Applied applied = tracker.apply(SCOPE, CONFIG, before, user(entry(RUN, "all", 9)));

    List<String> steps = repairWith(user(entry(RUN.plusDays(1), "all", 2)), applied);

    assertThat(rankings.rank(board("all"), "ann")).isZero();
    assertThat(steps).containsExactly("session", "after the session", "remove all");
  }

  /** Fails the request's commit and waits for the repair, run with {@code current} in a session. */
  private List<String> repairWith(UserState current, LeaderboardTracker.Applied applied) throws Exception {
    CountDownLatch repaired = new CountDownLatch(1);
    tracker.repairIn((scope, id, inSession) -> {
      rankings.steps.clear();
      rankings.steps.add("session");
      Runnable after = inSession.apply(current);
      rankings.steps.add("after the session");
      after.run();
      repaired.countDown();
    });
    applied.repairOnFailure(CompletableFuture.failedFuture(new IllegalStateException("commit failed")));
    assertThat(repaired.await(10, TimeUnit.SECONDS)).isTrue();
    return List.copyOf(rankings.steps);
  }

  private int value(String group) {
    List<RankEntry> all = rankings.range(board(group), 0, 10);
    assertThat(all).hasSize(1);
    return (int) all.get(0).value().whole();
  }

  private static Rankings.Board board(String group) {
    return new Rankings.Board(CARDS.id(), RUN, group);
  }

  private static LeaderboardEntry entry(LocalDate run, String group, int value) {
    return new LeaderboardEntry(run, group, new BigDecimal(value), T0);
  }

  private static UserState user(LeaderboardEntry entry) {
    UserProfile profile = new UserProfile("ann", null, null, null, List.of(), true, Map.of(), false, T0, T0);
    return new UserState(profile, Preferences.NONE, Map.of())
        .withLeaderboards(new LeaderboardEntries(Map.of(CARDS.id(), entry)));
  }

  /** In-memory rankings that record the repair's updates and removals, by group. */
  private static final class Recording implements Rankings {
    final List<String> steps = new CopyOnWriteArrayList<>();
    private final InMemoryRankings inner = new InMemoryRankings();

    @Override
    public Moved update(Board board, String userId, RankValue value, long reachedAtMillis, int maxParticipants) {
      steps.add("update " + board.group());
      return inner.update(board, userId, value, reachedAtMillis, maxParticipants);
    }

    @Override
    public int remove(Board board, String userId) {
      steps.add("remove " + board.group());
      return inner.remove(board, userId);
    }

    @Override
    public int rank(Board board, String userId) {
      return inner.rank(board, userId);
    }

    @Override
    public List<RankEntry> range(Board board, int offset, int limit) {
      return inner.range(board, offset, limit);
    }

    @Override
    public int size(Board board) {
      return inner.size(board);
    }

    @Override
    public RankValue threshold(Board board, int maxParticipants) {
      return inner.threshold(board, maxParticipants);
    }

    @Override
    public List<Board> boards(String leaderboardId) {
      return inner.boards(leaderboardId);
    }

    @Override
    public void drop(Board board) {
      inner.drop(board);
    }

    @Override
    public void dropLeaderboard(String leaderboardId) {
      inner.dropLeaderboard(leaderboardId);
    }

    @Override
    public boolean built() {
      return inner.built();
    }

    @Override
    public void markBuilt() {
      inner.markBuilt();
    }

    @Override
    public Loader rebuild(Board board) {
      return inner.rebuild(board);
    }
  }
}
