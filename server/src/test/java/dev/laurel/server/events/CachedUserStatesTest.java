package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Scope;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Database;
import dev.laurel.store.StoreException;
import dev.laurel.store.TestDatabases;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EVENT-9 with pipelined lanes: staged state is never acknowledged, or built on, unless committed. */
class CachedUserStatesTest {
  private static final Scope SCOPE = Scope.defaultTenant("env");
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  private Database db;
  private UserRepository users;
  private GroupCommitter committer;
  private CachedUserStates states;

  @BeforeEach
  void setUp() throws Exception {
    db = Database.openSqlite(TestDatabases.temporaryDirectory("laurel-states"));
    users = new UserRepository(db);
    committer = new GroupCommitter(db);
    states = new CachedUserStates(users, committer, 2, 0, Duration.ZERO);
  }

  @AfterEach
  void tearDown() {
    committer.close();
    db.close();
  }

  private static UserState named(String id, String name) {
    return new UserState(
        new UserProfile(id, null, name, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE, Map.of());
  }

  private UserStates.Staged save(UserStates.Loaded read, UserState state) {
    return states.stage(read, SCOPE, state.profile().id(), state, null, tx -> {
      users.saveProfile(tx, SCOPE, state.profile(), state.preferences());
      return null;
    });
  }

  @Test
  void a_staged_state_is_read_back_before_its_commit_and_is_durable_after_it() {
    UserStates.Loaded none = states.load(SCOPE, "u1");
    assertThat(none.state()).isNull();
    UserStates.Staged first = save(none, named("u1", "Ada"));
    assertThat(states.load(SCOPE, "u1").state().profile().name()).isEqualTo("Ada");
    first.await();
    assertThat(users.load(SCOPE, "u1").profile().name()).isEqualTo("Ada");
  }

  @Test
  void after_a_failed_write_later_writes_built_on_its_state_are_refused_and_the_store_is_reread() {
    save(states.load(SCOPE, "u1"), named("u1", "Ada")).await();
    UserStates.Loaded read = states.load(SCOPE, "u1");
    UserState broken = named("u1", "Broken");
    CountDownLatch dependentStaged = new CountDownLatch(1);
    UserStates.Staged failing = states.stage(read, SCOPE, "u1", broken, null, tx -> {
      awaitQuietly(dependentStaged);
      throw new SQLException("disk full");
    });
    UserStates.Loaded onTop = states.load(SCOPE, "u1");
    assertThat(onTop.state().profile().name()).isEqualTo("Broken");
    UserStates.Staged dependent = save(onTop, named("u1", "Built on broken"));
    dependentStaged.countDown();
    assertThatThrownBy(failing::await).isInstanceOf(StoreException.class);
    assertThatThrownBy(dependent::await).isInstanceOf(StoreException.class);
    assertThat(users.load(SCOPE, "u1").profile().name()).isEqualTo("Ada");
    assertThat(states.load(SCOPE, "u1").state().profile().name()).isEqualTo("Ada");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void idle_states_are_evicted_beyond_the_capacity_and_reloaded_from_the_store() {
    for (String id : List.of("a", "b", "c", "d")) {
      save(states.load(SCOPE, id), named(id, id.toUpperCase(java.util.Locale.ROOT))).await();
    }
    for (String id : List.of("a", "b", "c", "d")) {
      assertThat(states.load(SCOPE, id).state().profile().name()).isEqualTo(id.toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void eviction_keeps_a_state_that_is_read_between_evictions_and_drops_idle_ones() {
    CachedUserStates clock = new CachedUserStates(users, committer, 8, 0, Duration.ZERO);
    clock.stage(clock.load(SCOPE, "hot"), SCOPE, "hot", named("hot", "Hot"), null, tx -> {
      users.saveProfile(tx, SCOPE, named("hot", "Hot").profile(), Preferences.NONE);
      return null;
    }).await();
    for (int i = 0; i < 100; i++) {
      String id = "u" + i;
      clock.stage(clock.load(SCOPE, id), SCOPE, id, named(id, id), null, tx -> null).await();
      assertThat(clock.load(SCOPE, "hot").state()).isNotNull();
    }
    // Behind the cache's back: a kept state is not read from the store again.
    db.write(tx -> {
      users.saveProfile(tx, SCOPE, named("hot", "Changed").profile(), Preferences.NONE);
      return null;
    });
    assertThat(clock.load(SCOPE, "hot").state().profile().name()).isEqualTo("Hot");
    // An idle user whose state was dropped is read from the store (never written there: none).
    assertThat(clock.load(SCOPE, "u0").state()).isNull();
  }

  @Test
  void under_heap_pressure_a_quarter_of_the_idle_states_go_and_a_state_being_written_stays() throws Exception {
    CachedUserStates kept = new CachedUserStates(users, committer, 100_000, 0, Duration.ZERO);
    List<UserStates.Staged> staged = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String id = "u" + i;
      staged.add(kept.stage(kept.load(SCOPE, id), SCOPE, id, named(id, id), null, tx -> null));
    }
    staged.forEach(UserStates.Staged::await);
    CountDownLatch release = new CountDownLatch(1);
    UserStates.Staged busy =
        kept.stage(kept.load(SCOPE, "busy"), SCOPE, "busy", named("busy", "Busy"), null, GroupCommitterTest.waitingFor(release));

    kept.relieveMemory();

    // 2,001 kept, three quarters stay: the 500 dropped were idle (never stored, so read back as none).
    assertThat(kept.load(SCOPE, "busy").state().profile().name()).isEqualTo("Busy");
    long dropped = java.util.stream.IntStream.range(0, 2_000).filter(i -> kept.load(SCOPE, "u" + i).state() == null).count();
    assertThat(dropped).isEqualTo(500);
    release.countDown();
    busy.await();
  }

  @Test
  void event9_states_leaving_the_first_tier_are_packed_and_come_back_equal_without_a_read_of_the_store() {
    CachedUserStates tiers = new CachedUserStates(users, committer, 2, 1 << 20, Duration.ZERO);
    for (String id : List.of("a", "b", "c", "d", "e")) {
      // Nothing reaches the store: a state read back can only come from one of the two tiers.
      tiers.stage(tiers.load(SCOPE, id), SCOPE, id, named(id, "Name " + id), null, tx -> null).await();
    }
    assertThat(tiers.keptCounts()[1]).isGreaterThanOrEqualTo(3);
    for (String id : List.of("a", "b", "c", "d", "e")) {
      assertThat(tiers.load(SCOPE, id).state()).isEqualTo(named(id, "Name " + id));
    }
  }

  /**
   * EVENT-9 with issue 8's cold states: a state read from the store, or unpacked long after it was
   * packed, is packed again once its write commits; a user back soon after stays kept as objects.
   */
  @Test
  void event9_a_cold_users_state_is_packed_once_its_write_commits_and_a_returning_users_stays() throws Exception {
    CachedUserStates tiers = new CachedUserStates(users, committer, 100, 1 << 20, Duration.ofHours(1));
    tiers.stage(tiers.load(SCOPE, "a"), SCOPE, "a", named("a", "A"), null, tx -> null).await();
    awaitKept(tiers, 0, 1); // the commit's callback packs it, perhaps just after await returns
    UserStates.Loaded back = tiers.load(SCOPE, "a");
    assertThat(back.state()).isEqualTo(named("a", "A"));
    tiers.stage(back, SCOPE, "a", named("a", "A2"), null, tx -> null).await();
    awaitKept(tiers, 1, 0);
    assertThat(tiers.load(SCOPE, "a").state()).isEqualTo(named("a", "A2"));

    CachedUserStates cold = new CachedUserStates(users, committer, 100, 1 << 20, Duration.ofNanos(1));
    for (String name : List.of("B", "B2", "B3")) {
      cold.stage(cold.load(SCOPE, "b"), SCOPE, "b", named("b", name), null, tx -> null).await();
      awaitKept(cold, 0, 1);
      assertThat(cold.load(SCOPE, "b").state()).isEqualTo(named("b", name)); // nothing reached the store
    }
  }

  private static void awaitKept(CachedUserStates tiers, int asObjects, int packed) throws InterruptedException {
    for (int i = 0; i < 500 && !java.util.Arrays.equals(tiers.keptCounts(), new int[] {asObjects, packed}); i++) {
      Thread.sleep(10);
    }
    assertThat(tiers.keptCounts()).containsExactly(asObjects, packed);
  }

  @Test
  void beyond_their_heap_budget_packed_states_are_dropped_and_read_from_the_store_again() {
    long budget = 4 * (PackedStates.OVERHEAD + 40);
    CachedUserStates tiers = new CachedUserStates(users, committer, 2, budget, Duration.ZERO);
    for (int i = 0; i < 20; i++) {
      String id = "u" + i;
      tiers.stage(tiers.load(SCOPE, id), SCOPE, id, named(id, id), null, tx -> null).await();
      assertThat(tiers.packedSize()).isLessThanOrEqualTo(budget);
    }
    assertThat(tiers.keptCounts()[1]).isBetween(1, 4);
    long fromStore = java.util.stream.IntStream.range(0, 20).filter(i -> tiers.load(SCOPE, "u" + i).state() == null).count();
    assertThat(fromStore).isGreaterThanOrEqualTo(14);
  }

  @Test
  void under_heap_pressure_the_packed_budget_drops_by_a_quarter() {
    CachedUserStates tiers = new CachedUserStates(users, committer, 2_000, 256 << 10, Duration.ZERO);
    for (int i = 0; i < 3_000; i++) {
      String id = "u" + i;
      tiers.stage(tiers.load(SCOPE, id), SCOPE, id, named(id, id), null, tx -> null).await();
    }
    assertThat(tiers.keptCounts()[1]).isEqualTo(1_000); // about 200 bytes each: all within 256 KiB
    tiers.relieveMemory();
    assertThat(tiers.keptCounts()[0]).isLessThanOrEqualTo(1_500);
    assertThat(tiers.packedSize()).isLessThanOrEqualTo(192 << 10);
    assertThat(tiers.keptCounts()[1]).isLessThan(1_500);
    // Everything leaves the packed tier the way it came in: the count goes back to 0.
    for (int i = 0; i < 3_000; i++) {
      tiers.load(SCOPE, "u" + i);
    }
    tiers.outsideLanes(() -> {});
    assertThat(tiers.packedSize()).isZero();
  }

  @Test
  void after_a_failed_write_packed_states_of_the_older_generation_are_not_used() {
    CachedUserStates tiers = new CachedUserStates(users, committer, 1, 1 << 20, Duration.ZERO);
    tiers.stage(tiers.load(SCOPE, "a"), SCOPE, "a", named("a", "Packed"), null, tx -> null).await();
    tiers.stage(tiers.load(SCOPE, "b"), SCOPE, "b", named("b", "B"), null, tx -> null).await();
    tiers.stage(tiers.load(SCOPE, "c"), SCOPE, "c", named("c", "C"), null, tx -> null).await();
    UserStates.Staged failing =
        tiers.stage(tiers.load(SCOPE, "c"), SCOPE, "c", named("c", "Broken"), null, tx -> {
          throw new SQLException("disk full");
        });
    assertThatThrownBy(failing::await).isInstanceOf(StoreException.class);
    assertThat(tiers.load(SCOPE, "a").state()).isNull(); // never stored: the packed state is gone
  }

  /**
   * EVENT-9: a state is never dropped while a write of it is in flight, even when the eviction runs
   * in another lane at the same time as the user's next request stages on it (the pending count is
   * retired before the state goes). Each lane checks that every read gives its previous state.
   */
  @Test
  void event9_under_concurrent_eviction_every_read_gives_the_state_staged_just_before_it() throws Exception {
    for (long packedBytes : new long[] {0, 1_600}) {
      CachedUserStates tiny = new CachedUserStates(users, committer, 2, packedBytes, Duration.ZERO);
      int lanes = 6;
      int events = 400;
      java.util.concurrent.ConcurrentLinkedQueue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
      Thread[] threads = new Thread[lanes];
      for (int t = 0; t < lanes; t++) {
        String id = "lane" + packedBytes + "-" + t;
        threads[t] = Thread.ofPlatform().start(() -> {
          List<UserStates.Staged> staged = new java.util.ArrayList<>();
          for (int i = 0; i < events; i++) {
            UserStates.Loaded read = tiny.load(SCOPE, id);
            String seen = read.state() == null ? null : read.state().profile().name();
            if (!java.util.Objects.equals(seen, i == 0 ? null : "n" + (i - 1))) {
              wrong.add(id + " read " + seen + " before event " + i);
            }
            UserState next = named(id, "n" + i);
            staged.add(tiny.stage(read, SCOPE, id, next, null, tx -> {
              users.saveProfile(tx, SCOPE, next.profile(), next.preferences());
              return null;
            }));
          }
          staged.forEach(UserStates.Staged::await);
        });
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(wrong).isEmpty();
    }
  }
}
