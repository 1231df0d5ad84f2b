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

  @Test
  void the_hand_spares_entries_used_since_it_passed_and_never_drops_what_the_caller_refuses() {
    Map<Integer, Value> map = new ConcurrentHashMap<>();
    ClockEviction<Integer, Value> clock = new ClockEviction<>(map);
    for (int i = 0; i < 10; i++) {
      map.put(i, new Value(i == 9));
    }
    // New entries count as used: one round clears every mark, the next drops one.
    clock.evict(1, v -> !v.pinned);
    assertThat(map).hasSize(9).containsKey(9);
    Map<Integer, Value> before = Map.copyOf(map);
    for (int i = 0; i < 10; i += 2) {
      if (map.containsKey(i)) {
        map.get(i).touch();
      }
    }
    // At least three idle odd keys are left (1, 3, 5, 7 but the one dropped): they go first.
    clock.evict(3, v -> !v.pinned);
    assertThat(map).hasSize(6);
    for (int key : before.keySet()) {
      if (key % 2 == 0 || key == 9) {
        assertThat(map).containsKey(key);
      }
    }
    // Nothing else is idle or evictable but the pinned entry is never dropped.
    clock.evict(100, v -> !v.pinned);
    assertThat(map).containsOnlyKeys(9);
  }
}
