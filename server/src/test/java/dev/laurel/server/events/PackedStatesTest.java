package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the packed tier writes a user's state over the slot's buffer in place, so that the
 * packing of a returning user promotes nothing new; what it returns must still be exactly the state
 * last put at the tag asked for (EVENT-9: the kept state is the one a read from the store gives).
 */
class PackedStatesTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");
  private static final long NO_RECENCY = 0;

  private static UserState state(String id, int metrics) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (int i = 0; i < metrics; i++) {
      totals.put("metric-" + i, BigDecimal.valueOf(1000L + i));
    }
    return new UserState(
        new UserProfile(id, null, "Name of " + id, null, List.of(), true, Map.of(), false, T0, T0),
        Preferences.NONE,
        totals);
  }

  @Test
  void a_returning_users_packing_of_about_the_same_size_reuses_the_slot_and_counts_the_same() {
    PackedStates<String> packed = new PackedStates<>(1 << 20);
    packed.put("u1", 1, state("u1", 3));
    long counted = packed.bytes();
    assertThat(counted).isGreaterThan(PackedStates.OVERHEAD);

    PackedStates.Unpacked taken = packed.take("u1", "u1", 1, NO_RECENCY);
    assertThat(taken.state()).isEqualTo(state("u1", 3));
    assertThat(packed.count()).isZero(); // taken out: nothing left to read
    assertThat(packed.bytes()).isEqualTo(counted); // the buffer stays, for the next packing
    assertThat(packed.take("u1", "u1", 1, NO_RECENCY)).isNull();

    packed.put("u1", 2, state("u1", 4)); // one more total: fits the room left to grow
    assertThat(packed.bytes()).isEqualTo(counted);
    assertThat(packed.count()).isEqualTo(1);
    assertThat(packed.take("u1", "u1", 2, NO_RECENCY).state()).isEqualTo(state("u1", 4));
  }

  @Test
  void a_buffer_of_its_own_always_fits_a_state_and_its_growth_by_a_quarter_but_not_one_far_too_large() {
    for (int n = 1; n <= 5_000; n++) {
      int own = PackedStates.capacityFor(n);
      assertThat(PackedStates.fits(n, own)).as("%d bytes in %d", n, own).isTrue();
      assertThat(PackedStates.fits(n + n / 4, own)).as("%d bytes grown in %d", n, own).isTrue();
      assertThat(PackedStates.fits(n + 1, n)).isFalse();
      assertThat(PackedStates.fits(n, 2 * own + 16)).isFalse();
    }
  }

  @Test
  void a_state_outgrowing_its_buffer_gets_a_larger_one_and_a_much_smaller_one_a_smaller_one() {
    PackedStates<String> packed = new PackedStates<>(1 << 20);
    packed.put("u1", 1, state("u1", 1));
    long small = packed.bytes();
    packed.put("u1", 2, state("u1", 40));
    long large = packed.bytes();
    assertThat(large).isGreaterThan(small);
    assertThat(packed.take("u1", "u1", 2, NO_RECENCY).state()).isEqualTo(state("u1", 40));
    packed.put("u1", 3, state("u1", 1));
    assertThat(packed.bytes()).isEqualTo(small);
    assertThat(packed.take("u1", "u1", 3, NO_RECENCY).state()).isEqualTo(state("u1", 1));
  }

  @Test
  void a_state_at_another_tag_or_dropped_is_never_returned_and_clearing_counts_everything_out() {
    PackedStates<String> packed = new PackedStates<>(1 << 20);
    packed.put("u1", 1, state("u1", 2));
    assertThat(packed.take("u1", "u1", 2, NO_RECENCY)).isNull(); // older than asked for: dropped
    assertThat(packed.take("u1", "u1", 1, NO_RECENCY)).isNull();
    packed.put("u1", 3, state("u1", 2));
    packed.drop("u1");
    assertThat(packed.take("u1", "u1", NO_RECENCY)).isNull();
    packed.put("u1", 4, state("u1", 2));
    packed.put("u2", 4, state("u2", 2));
    assertThat(packed.take("u1", "u1", Long.MAX_VALUE)).isEqualTo(new PackedStates.Unpacked(4, state("u1", 2), true));
    packed.put("u1", 5, state("u1", 3));
    assertThat(packed.take("u1", "u1", NO_RECENCY)).isEqualTo(new PackedStates.Unpacked(5, state("u1", 3), false));
    packed.clear();
    assertThat(packed.bytes()).isZero();
    assertThat(packed.take("u2", "u2", NO_RECENCY)).isNull();
  }

  @Test
  void with_no_budget_nothing_is_kept_and_nothing_stays_counted() {
    PackedStates<String> packed = new PackedStates<>(0);
    packed.put("u1", 1, state("u1", 2));
    assertThat(packed.bytes()).isZero();
    assertThat(packed.take("u1", "u1", NO_RECENCY)).isNull();
  }

  /**
   * Puts, takes and evictions (a budget of about 40 states for 200 users) race on the same users:
   * a state taken is always one put at that tag, and once every thread is done the count against
   * the budget is that of the slots left.
   */
  @Test
  void racing_puts_takes_and_evictions_return_only_states_put_at_their_tag_and_keep_the_count_exact()
      throws Exception {
    long budget = 40L * (PackedStates.OVERHEAD + PackedStates.capacityFor(80));
    PackedStates<String> packed = new PackedStates<>(budget);
    Map<String, UserState> putAt = new ConcurrentHashMap<>(); // "user@tag" -> the state put then
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          java.util.Random random = new java.util.Random(thread);
          for (int i = 0; i < 20_000; i++) {
            String user = "u" + random.nextInt(200);
            long tag = random.nextInt(4);
            if (random.nextBoolean()) {
              UserState s = state(user, 1 + (thread + i) % 30);
              putAt.put(user + "@" + tag + "#" + s.totals().size(), s);
              packed.put(user, tag, s);
            } else {
              PackedStates.Unpacked taken = packed.take(user, user, tag, NO_RECENCY);
              if (taken != null) {
                UserState s = taken.state();
                assertThat(putAt.get(user + "@" + tag + "#" + s.totals().size())).isEqualTo(s);
                checked++;
              }
            }
          }
          return checked;
        }));
      }
      start.countDown();
      int checked = 0;
      for (Future<Integer> f : results) {
        checked += f.get();
      }
      assertThat(checked).isPositive();
    }
    assertThat(packed.bytes()).isEqualTo(packed.slotBytes());
    assertThat(packed.bytes()).isLessThanOrEqualTo(budget + PackedStates.OVERHEAD + PackedStates.capacityFor(2_000));
    packed.clear();
    assertThat(packed.bytes()).isZero();
  }
}
