package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.laurel.engine.Scope;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.AchievementRepository;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.LeaderboardRepository;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.Sql;
import dev.laurel.store.StoreException;
import dev.laurel.store.TestDatabases;
import dev.laurel.store.UserRepository;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: two nodes (each with its own pool and its own kept states) on one PostgreSQL. A state a
 * node keeps in memory is reused only while nothing else changed the user: not another node's
 * session (EVENT-8), nor an admin write outside the sessions.
 */
class LockingUserStatesTest {
  private static final Scope SCOPE = Scope.defaultTenant("env");
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  private String database;
  private Database dbA;
  private Database dbB;
  private UserRepository users;
  private LockingUserStates nodeA;
  private LockingUserStates nodeB;
  private GroupCommitter groupsA;
  private GroupCommitter groupsB;

  @BeforeEach
  void setUp() {
    assumeTrue(System.getProperty("laurel.test.backend", "sqlite").equals("postgres"), "several nodes need PostgreSQL");
    database = TestDatabases.createPostgresDatabase();
    dbA = TestDatabases.postgres(database);
    dbB = TestDatabases.postgres(database);
    users = new UserRepository(dbA);
    groupsA = new GroupCommitter(dbA);
    groupsB = new GroupCommitter(dbB);
    nodeA = new LockingUserStates(dbA, new UserRepository(dbA), groupsA, 100, 1 << 20, Duration.ZERO);
    nodeB = new LockingUserStates(dbB, new UserRepository(dbB), groupsB, 100, 1 << 20, Duration.ZERO);
  }

  @AfterEach
  void tearDown() {
    if (database != null) {
      groupsA.close();
      groupsB.close();
      dbA.close();
      dbB.close();
      TestDatabases.dropPostgres(database);
    }
  }

  private static UserState user(String id, String name, Map<String, String> attributes) {
    return new UserState(
        new UserProfile(id, null, name, null, List.of(), true, attributes, false, T0, T0), Preferences.NONE, Map.of());
  }

  /**
   * One session on {@code node}: reads the user, and stores {@code next(read)} if not null, awaited
   * outside the session; returns what it read.
   */
  private UserState session(LockingUserStates node, String id, UnaryOperator<UserState> next) {
    UserState[] read = new UserState[1];
    UserStates.Staged staged = node.session(SCOPE, id, s -> {
      UserStates.Loaded loaded = s.load(SCOPE, id);
      read[0] = loaded.state();
      UserState after = next.apply(loaded.state());
      return after == null ? null : s.stage(loaded, SCOPE, id, after, null, saving(after));
    });
    if (staged != null) {
      staged.await();
    }
    return read[0];
  }

  private Sql.TxWork<Void> saving(UserState state) {
    return tx -> {
      users.saveProfile(tx, SCOPE, state.profile(), state.preferences());
      new AchievementRepository(dbA).saveProgress(tx, SCOPE, state.profile().id(), AchievementProgress.NONE, state.achievements(), false);
      new RankingRepository(dbA).saveEntries(
          tx, SCOPE, state.profile().id(), LeaderboardEntries.EMPTY, state.leaderboards());
      return null;
    };
  }

  private UserState read(LockingUserStates node, String id) {
    return session(node, id, s -> null);
  }

  @Test
  void event8_a_state_written_on_one_node_is_read_by_the_next_session_on_another() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada"); // kept by A
    session(nodeB, "u1", s -> user("u1", s.profile().name() + "+B", Map.of()));
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada+B");
    session(nodeA, "u1", s -> user("u1", s.profile().name() + "+A", Map.of()));
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("Ada+B+A");
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada+B+A");
  }

  @Test
  void a_kept_state_is_reused_while_the_users_version_is_unchanged_and_reread_once_it_moved() throws Exception {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    // A change that does not bump the version is invisible to a node that keeps the state...
    sql("UPDATE users SET name = 'Changed' WHERE id = 'u1'");
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada");
    // ...so every write outside the sessions bumps it, and then the state is read again.
    sql("UPDATE users SET state_version = state_version + 1 WHERE id = 'u1'");
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Changed");
  }

  @Test
  void event8_a_session_writes_one_version_of_the_users_row_with_its_documents() throws Exception {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    sql("CREATE TABLE users_updates (id TEXT, state_version BIGINT, metric_totals TEXT)");
    sql("CREATE FUNCTION count_users_update() RETURNS trigger LANGUAGE plpgsql AS"
        + " $$ BEGIN INSERT INTO users_updates VALUES (NEW.id, NEW.state_version, NEW.metric_totals); RETURN NEW; END $$");
    sql("CREATE TRIGGER users_updates AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION count_users_update()");
    long before = version("u1");
    nodeA.session(SCOPE, "u1", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u1");
      UserState after = read.state().withTotals(Map.of("m1", java.math.BigDecimal.TEN));
      return s.stage(read, SCOPE, "u1", after, null, tx -> {
        users.saveTotals(tx, SCOPE, "u1", after.totals());
        return null;
      });
    }).await();
    // One UPDATE: the lock read the version without writing the row; the bump went with the totals.
    assertThat(rows("SELECT id || ' ' || state_version || ' ' || metric_totals FROM users_updates"))
        .containsExactly("u1 " + (before + 1) + " {\"m1\":\"10\"}");
    // The other node sees the new version, and so the new state.
    assertThat(read(nodeB, "u1").total("m1")).isEqualByComparingTo("10");
  }

  @Test
  void event8_a_session_of_a_state_kept_here_claims_the_users_row_in_its_one_round_trip() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    List<String> seen = new java.util.ArrayList<>();
    nodeA.session(SCOPE, "u1", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u1");
      UserState after = user("u1", "Ada+A", Map.of());
      return s.stage(read, SCOPE, "u1", after, null, tx -> {
        saving(after).run(tx);
        // Sends the queued claim and writes: the row is locked, without the advisory lock.
        seen.add("advisory locks: " + advisoryLocks(tx));
        seen.add("row lock: " + rowLockFromNodeB("u1"));
        return null;
      });
    }).await();
    // A user whose state nobody keeps here takes the advisory lock, then locks the row.
    session(nodeA, "u2", none -> user("u2", "Bo", Map.of()));
    nodeB.session(SCOPE, "u2", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u2");
      return s.stage(read, SCOPE, "u2", read.state(), null, tx -> {
        seen.add("advisory locks: " + advisoryLocks(tx));
        seen.add("row lock: " + rowLockFromNodeB("u2"));
        return null;
      });
    }).await();
    assertThat(seen).containsExactly(
        "advisory locks: 0", "row lock: held by the session",
        "advisory locks: 1", "row lock: held by the session");
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("Ada+A");
  }

  @Test
  void event8_a_claim_of_a_moved_version_fails_and_the_session_runs_again_on_the_stored_state() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    session(nodeB, "u1", s -> user("u1", s.profile().name() + "+B", Map.of()));
    List<String> readNames = new java.util.ArrayList<>();
    List<UserStates.Staged> runs = new java.util.ArrayList<>();
    UserStates.Staged last = nodeA.session(SCOPE, "u1", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u1");
      readNames.add(read.state().profile().name());
      UserState after = user("u1", read.state().profile().name() + "+A", Map.of());
      UserStates.Staged staged = s.stage(read, SCOPE, "u1", after, null, saving(after));
      runs.add(staged);
      return staged;
    });
    last.await();
    // The first run used the state kept on A, which B's session made stale: its claim failed and
    // nothing of it was written; its staged writes failed (rankings it moved are repaired).
    assertThat(readNames).containsExactly("Ada", "Ada+B");
    assertThat(runs.get(0).done()).isCompletedExceptionally();
    assertThat(runs.get(1).done()).isCompleted().isNotCompletedExceptionally();
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("Ada+B+A");
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada+B+A");
  }

  @Test
  void event8_concurrent_sessions_of_two_nodes_lose_no_update() throws Exception {
    for (String id : List.of("u1", "u2")) {
      session(nodeA, id, none -> user(id, id, Map.of()));
    }
    int perLane = 40;
    List<Thread> lanes = new java.util.ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    for (LockingUserStates node : List.of(nodeA, nodeB)) {
      for (String id : List.of("u1", "u2")) {
        // One thread per node and user: a lane. Both nodes' lanes of a user run at once.
        lanes.add(Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < perLane; i++) {
              node.session(SCOPE, id, s -> {
                UserStates.Loaded read = s.load(SCOPE, id);
                BigDecimal total = read.state().total("m1");
                UserState after = read.state().withTotals(Map.of("m1", total.add(BigDecimal.ONE)));
                return s.stage(read, SCOPE, id, after, null, tx -> {
                  users.saveTotals(tx, SCOPE, id, after.totals());
                  return null;
                });
              }).await();
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
    }
    for (Thread lane : lanes) {
      lane.join();
    }
    assertThat(failures).isEmpty();
    for (String id : List.of("u1", "u2")) {
      assertThat(read(nodeA, id).total("m1")).isEqualByComparingTo(String.valueOf(2 * perLane));
      assertThat(read(nodeB, id).total("m1")).isEqualByComparingTo(String.valueOf(2 * perLane));
    }
  }

  /**
   * Runs one session per user on {@code node} at once, each {@code next(read)}, and lets the node's
   * group commit take them only once all are queued, so that they form one group. Each run of a
   * session's writes adds the user's id to {@code runs}, with the transaction's id if {@code
   * withTxid} (a read in the writes, which sends the writes queued before it).
   */
  private void sessionsInOneGroup(LockingUserStates node, GroupCommitter groups, List<String> ids,
      UnaryOperator<UserState> next, List<String> runs, boolean withTxid) throws InterruptedException {
    java.util.concurrent.CountDownLatch release = GroupCommitterTest.holdWriter(groups);
    List<Thread> threads = new java.util.ArrayList<>();
    for (String id : ids) {
      threads.add(Thread.ofPlatform().start(() -> node.session(SCOPE, id, s -> {
        UserStates.Loaded read = s.load(SCOPE, id);
        UserState after = next.apply(read.state());
        return s.stage(read, SCOPE, id, after, null, tx -> {
          saving(after).run(tx);
          runs.add(withTxid ? id + " " + firstRow(tx, "SELECT txid_current()::text") : id);
          return null;
        });
      }).await()));
    }
    GroupCommitterTest.awaitQueued(groups, ids.size());
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
  }

  private static UserState renamed(UserState state, String suffix) {
    return user(state.profile().id(), state.profile().name() + suffix, Map.of());
  }

  @Test
  void event8_claimed_sessions_of_several_users_commit_in_one_transaction() throws Exception {
    List<String> ids = List.of("u1", "u2", "u3", "u4");
    for (String id : ids) {
      session(nodeA, id, none -> user(id, id, Map.of()));
    }
    List<String> txids = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    sessionsInOneGroup(nodeA, groupsA, ids, s -> renamed(s, "+A"), txids, true);
    assertThat(txids).hasSize(4);
    assertThat(txids.stream().map(t -> t.split(" ")[1]).distinct()).hasSize(1);
    for (String id : ids) {
      assertThat(read(nodeB, id).profile().name()).isEqualTo(id + "+A");
    }
  }

  @Test
  void event8_a_moved_claim_fails_its_unit_alone_and_its_session_runs_again_the_locking_way() throws Exception {
    for (String id : List.of("u1", "u2")) {
      session(nodeA, id, none -> user(id, id, Map.of()));
    }
    session(nodeB, "u1", s -> renamed(s, "+B")); // A's kept state of u1 is stale now
    List<String> runs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    sessionsInOneGroup(nodeA, groupsA, List.of("u1", "u2"), s -> renamed(s, "+A"), runs, false);
    // u1's writes ran three times: in the group (whose batch of claims failed at u1's, so nothing of
    // the group was written), in the group written again unit by unit (u1's unit alone rolled
    // back), and in the session run again the locking way, on B's state. u2's writes ran twice and
    // committed with the group written again.
    assertThat(runs.stream().filter("u1"::equals)).hasSize(3);
    assertThat(runs.stream().filter("u2"::equals)).hasSize(2);
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("u1+B+A");
    assertThat(read(nodeB, "u2").profile().name()).isEqualTo("u2+A");
  }

  @Test
  void attr5_an_attribute_deleted_outside_the_sessions_is_gone_from_the_next_session_on_every_node() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of("plan", "pro", "team", "blue")));
    assertThat(read(nodeA, "u1").profile().attributes()).containsKey("plan"); // kept by A
    dbB.write(tx -> {
      new ConfigRepository(dbB).removeUserAttributeValues(tx, SCOPE, "plan");
      return null;
    });
    assertThat(read(nodeA, "u1").profile().attributes()).isEqualTo(Map.of("team", "blue"));
    assertThat(read(nodeB, "u1").profile().attributes()).isEqualTo(Map.of("team", "blue"));
  }

  @Test
  void ach6_filtered_totals_dropped_by_an_achievement_change_are_not_served_from_memory() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of())
        .withAchievements(AchievementProgress.NONE.withFilteredTotal("old-filter", new BigDecimal("5"))));
    assertThat(read(nodeA, "u1").achievements().filteredTotal("old-filter")).isEqualByComparingTo("5");
    dbB.write(tx -> {
      new AchievementRepository(dbB).deleteFilteredTotals(tx, SCOPE, "old-filter");
      return null;
    });
    assertThat(read(nodeA, "u1").achievements().filteredTotal("old-filter")).isNull();
  }

  @Test
  void lb39_and_lb2_entries_deleted_with_a_leaderboard_are_not_served_from_memory() {
    LeaderboardEntry entry = new LeaderboardEntry(LocalDate.parse("2025-01-13"), null, BigDecimal.TEN, T0);
    for (String id : List.of("u1", "u2")) {
      session(nodeA, id, none -> {
        UserState u = user(id, id, Map.of());
        return u.withLeaderboards(LeaderboardEntries.EMPTY.with("board-" + id, entry));
      });
      assertThat(read(nodeA, id).leaderboards().get("board-" + id)).isNotNull();
    }
    dbB.write(tx -> {
      new RankingRepository(dbB).deleteEntries(tx, "board-u1"); // LB-2, a moved start
      return null;
    });
    dbB.write(tx -> new LeaderboardRepository(dbB).delete(tx, SCOPE, "board-u2")); // LB-39
    assertThat(read(nodeA, "u1").leaderboards().get("board-u1")).isNull();
    assertThat(read(nodeA, "u2").leaderboards().get("board-u2")).isNull();
  }

  @Test
  void event9_a_session_that_fails_leaves_nothing_behind_in_memory() {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    assertThatThrownBy(() -> nodeA.session(SCOPE, "u1", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u1");
      UserState broken = user("u1", "Broken", Map.of());
      s.stage(read, SCOPE, "u1", broken, null, tx -> {
        saving(broken).run(tx);
        throw new SQLException("disk full");
      });
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada");
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("Ada");
  }

  @Test
  void event9_a_claimed_session_whose_work_fails_wrote_nothing_and_keeps_the_state_it_claimed() throws Exception {
    session(nodeA, "u1", none -> user("u1", "Ada", Map.of()));
    long before = version("u1");
    assertThatThrownBy(() -> nodeA.session(SCOPE, "u1", s -> {
      UserStates.Loaded read = s.load(SCOPE, "u1");
      s.stage(read, SCOPE, "u1", user("u1", "Broken", Map.of()), null, saving(user("u1", "Broken", Map.of())));
      throw new IllegalArgumentException("invalid event"); // a 4xx found after staging
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(version("u1")).isEqualTo(before);
    // Behind the node's back, without a version bump: the kept state is still the one used.
    sql("UPDATE users SET name = 'Changed' WHERE id = 'u1'");
    assertThat(read(nodeA, "u1").profile().name()).isEqualTo("Ada");
    assertThat(read(nodeB, "u1").profile().name()).isEqualTo("Changed");
  }

  @Test
  void kept_states_beyond_the_capacity_are_dropped_and_read_again() {
    LockingUserStates small = new LockingUserStates(dbA, new UserRepository(dbA), groupsA, 2, 0, Duration.ZERO);
    for (String id : List.of("a", "b", "c", "d", "e")) {
      session(small, id, none -> user(id, id.toUpperCase(java.util.Locale.ROOT), Map.of()));
    }
    for (String id : List.of("a", "b", "c", "d", "e")) {
      assertThat(read(small, id).profile().name()).isEqualTo(id.toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void event8_packed_states_are_used_at_their_version_only() throws Exception {
    LockingUserStates tiers = new LockingUserStates(dbA, new UserRepository(dbA), groupsA, 1, 1 << 20, Duration.ZERO);
    for (String id : List.of("a", "b", "c")) {
      session(tiers, id, none -> user(id, id.toUpperCase(java.util.Locale.ROOT), Map.of()));
    }
    assertThat(tiers.keptCounts()[1]).isEqualTo(2); // "a" and "b" left the first tier packed
    // Behind the node's back, without a version bump: the packed state is still used.
    sql("UPDATE users SET name = 'Changed' WHERE id = 'a'");
    assertThat(read(tiers, "a").profile().name()).isEqualTo("A");
    // Another node's session bumps the version: the packed state is stale and the store is read.
    session(nodeB, "b", s -> user("b", s.profile().name() + "+B", Map.of()));
    assertThat(read(tiers, "b").profile().name()).isEqualTo("B+B");
    assertThat(read(tiers, "c").profile().name()).isEqualTo("C");
  }

  /**
   * EVENT-8 with issue 8's cold states: a state read from the store, or unpacked long after it was
   * packed, is packed again once its session committed, and the next session claims it at its
   * version without reading the store; a user back soon after stays kept as objects.
   */
  @Test
  void event8_a_cold_users_state_is_packed_after_its_commit_and_a_returning_users_stays() throws Exception {
    LockingUserStates tiers =
        new LockingUserStates(dbA, new UserRepository(dbA), groupsA, 100, 1 << 20, Duration.ofHours(1));
    session(tiers, "a", none -> user("a", "A", Map.of())); // read from the store: cold
    assertThat(tiers.keptCounts()).containsExactly(0, 1);
    // Behind the node's back, without a version bump: the packed state is still the one used.
    sql("UPDATE users SET name = 'Changed' WHERE id = 'a'");
    session(tiers, "a", s -> user("a", s.profile().name() + "2", Map.of())); // packed just now: warm
    assertThat(tiers.keptCounts()).containsExactly(1, 0);
    assertThat(read(tiers, "a").profile().name()).isEqualTo("A2");

    LockingUserStates cold =
        new LockingUserStates(dbA, new UserRepository(dbA), groupsA, 100, 1 << 20, Duration.ofNanos(1));
    for (String name : List.of("B", "B2", "B3")) {
      session(cold, "b", s -> user("b", name, Map.of()));
      assertThat(cold.keptCounts()).containsExactly(0, 1);
    }
    sql("UPDATE users SET name = 'Changed' WHERE id = 'b'");
    assertThat(read(cold, "b").profile().name()).isEqualTo("B3");
    // Another node's session bumps the version: the packed state is stale and the store is read.
    session(nodeB, "b", s -> user("b", s.profile().name() + "+B", Map.of()));
    assertThat(read(cold, "b").profile().name()).isEqualTo("Changed+B");
    assertThat(cold.keptCounts()).containsExactly(0, 1);
  }

  private static String firstRow(dev.laurel.store.Tx tx, String query) throws SQLException {
    try (java.sql.ResultSet rs = tx.prepare(query).executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long advisoryLocks(dev.laurel.store.Tx tx) throws SQLException {
    PreparedStatement ps =
        tx.prepare("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
    try (java.sql.ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether node B could lock the user's row now, without waiting. */
  private String rowLockFromNodeB(String id) {
    try {
      dbB.write(tx -> {
        try (PreparedStatement ps =
            tx.connection().prepareStatement("SELECT 1 FROM users WHERE id = ? FOR UPDATE NOWAIT")) {
          ps.setString(1, id);
          ps.execute();
        }
        return null;
      });
      return "free";
    } catch (StoreException e) {
      assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("55P03"); // lock not available
      return "held by the session";
    }
  }

  private long version(String id) throws SQLException {
    return Long.parseLong(rows("SELECT state_version FROM users WHERE id = '" + id + "'").get(0));
  }

  private List<String> rows(String query) {
    return dbB.read(c -> {
      List<String> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(query); java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private void sql(String statement) throws SQLException {
    dbB.write(tx -> {
      try (PreparedStatement ps = tx.connection().prepareStatement(statement)) {
        ps.executeUpdate();
      }
      return null;
    });
  }
}
