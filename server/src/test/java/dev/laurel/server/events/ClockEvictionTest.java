package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Issue 8: states read since the hand last passed stay; idle ones go first. */
class ClockEvictionTest {
  private static final class Value extends ClockEviction.Entry {
    final boolean pinned;

    Value(boolean pinned) {
      this.pinned = pinned;
    }
  }

  /** Puts entries for keys {@code from} to {@code to} (excluded), pinned where {@code pinned} says. */
  private static void fill(Map<Integer, Value> map, int from, int to, java.util.function.IntPredicate pinned) {
    for (int i = from; i < to; i++) {
      map.put(i, new Value(pinned.test(i)));
    }
  }

  @Test
  void the_hand_spares_entries_used_since_it_passed_and_never_drops_what_the_caller_refuses() {
    Map<Integer, Value> map = new ConcurrentHashMap<>();
    ClockEviction<Integer, Value> clock = new ClockEviction<>(map, 1_000);
    fill(map, 0, 10, i -> i == 9);
    // New entries count as used: one round clears every mark, the next drops one.
    clock.evictTo(9, v -> !v.pinned);
    assertThat(map).hasSize(9).containsKey(9);
    Map<Integer, Value> before = Map.copyOf(map);
    for (int i = 0; i < 10; i += 2) {
      if (map.containsKey(i)) {
        map.get(i).touch();
      }
    }
    // At least three idle odd keys are left (1, 3, 5, 7 but the one dropped): they go first.
    clock.evictTo(6, v -> !v.pinned);
    assertThat(map).hasSize(6);
    for (int key : before.keySet()) {
      if (key % 2 == 0 || key == 9) {
        assertThat(map).containsKey(key);
      }
    }
    // Nothing else is idle or evictable but the pinned entry is never dropped.
    clock.evictTo(0, v -> !v.pinned);
    assertThat(map).containsOnlyKeys(9);
  }

  @Test
  void callers_that_found_the_map_too_large_together_drop_only_the_excess() throws Exception {
    Map<Integer, Value> map = new ConcurrentHashMap<>();
    ClockEviction<Integer, Value> clock = new ClockEviction<>(map, 1_000);
    fill(map, 0, 1_000, i -> false);
    Thread[] callers = new Thread[8];
    for (int t = 0; t < callers.length; t++) {
      callers[t] = Thread.ofPlatform().start(() -> clock.evictTo(900, v -> true));
    }
    for (Thread t : callers) {
      t.join();
    }
    assertThat(map).hasSize(900);
  }

  @Test
  void the_map_is_trimmed_a_little_below_its_capacity_once_past_it_and_each_dropped_entry_is_told() {
    Map<Integer, Value> map = new ConcurrentHashMap<>();
    Map<Integer, Value> dropped = new java.util.HashMap<>();
    ClockEviction<Integer, Value> clock = new ClockEviction<>(map, 10_240, dropped::put);
    fill(map, 0, 10_240, i -> false);
    clock.trim(v -> true);
    assertThat(map.size()).isEqualTo(10_240);
    assertThat(dropped).isEmpty();
    map.put(10_240, new Value(false));
    clock.trim(v -> true);
    assertThat(map.size()).isEqualTo(10_230);
    assertThat(dropped.size()).isEqualTo(11);
    assertThat(dropped.keySet().stream().noneMatch(map::containsKey)).isTrue();
    // Below 1,024 entries, one below the capacity.
    Map<Integer, Value> small = new ConcurrentHashMap<>();
    fill(small, 0, 11, i -> false);
    new ClockEviction<>(small, 10).trim(v -> true);
    assertThat(small.size()).isEqualTo(9);
  }

  @Test
  void heap_pressure_keeps_three_quarters_of_what_is_kept_from_then_on() {
    Map<Integer, Value> map = new ConcurrentHashMap<>();
    ClockEviction<Integer, Value> clock = new ClockEviction<>(map, 100_000);
    fill(map, 0, 8_000, i -> i < 10);
    clock.shrink(v -> !v.pinned);
    assertThat(clock.capacity()).isEqualTo(6_000);
    assertThat(map).hasSize(6_000);
    for (int i = 0; i < 10; i++) {
      assertThat(map).containsKey(i);
    }
    // Later growth is trimmed against the lowered capacity, not the first one.
    fill(map, 8_000, 8_100, i -> false);
    clock.trim(v -> true);
    assertThat(map).hasSize(6_000 - 5);
    // Never below the floor, however often the heap runs short.
    for (int i = 0; i < 20; i++) {
      clock.shrink(v -> true);
    }
    assertThat(clock.capacity()).isEqualTo(ClockEviction.MIN_SHRUNK_CAPACITY);
    assertThat(map).hasSize(ClockEviction.MIN_SHRUNK_CAPACITY);
  }
}
