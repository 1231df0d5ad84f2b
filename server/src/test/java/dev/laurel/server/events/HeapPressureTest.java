package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 8: how many users' states a node keeps, and the heap watch that lowers it. */
class HeapPressureTest {
  @Test
  void the_number_of_kept_states_follows_the_heap_within_bounds() {
    assertThat(HeapPressure.stateCapacity(288L << 20)).isEqualTo(13_405); // the launcher's default heap
    assertThat(HeapPressure.stateCapacity(16L << 20)).isEqualTo(5_000);
    assertThat(HeapPressure.stateCapacity(128L << 30)).isEqualTo(1_000_000);
    assertThat(HeapPressure.packedBytes(288L << 20)).isEqualTo(72L << 20);
  }

  @Test
  void the_collectors_heap_pools_are_watched_until_closed() {
    try (HeapPressure watch = HeapPressure.watch(() -> {})) {
      assertThat(watch.watched()).isPositive();
    }
  }
}
