package dev.laurel.server.events;

import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Issue 8: CLOCK eviction (second chance) for the users' states a node keeps. A hand goes round the
 * map's entries: an entry marked as used since the hand last passed loses its mark and stays, an
 * unmarked one is dropped, so that states of active users stay kept and a miss, which costs a read
 * of the whole state from the store, falls on users idle for a whole round.
 */
final class ClockEviction<K, V extends ClockEviction.Entry> {
  /** A kept value: marked as used when created and whenever it is read. */
  abstract static class Entry {
    private volatile boolean used = true;

    /** Marks the entry as used (a read of a volatile first: most reads find it marked). */
    final void touch() {
      if (!used) {
        used = true;
      }
    }
  }

  /** The fewest entries {@link #shrink} keeps, whatever the heap: below that, every read misses. */
  static final int MIN_SHRUNK_CAPACITY = 1_000;

  private final Map<K, V> map;
  private final BiConsumer<K, V> leaving;
  private volatile int capacity;
  private Iterator<Map.Entry<K, V>> hand;

  ClockEviction(Map<K, V> map, int capacity) {
    this(map, capacity, (key, value) -> {});
  }

  /**
   * {@code leaving} is told of each entry that is about to be dropped, under this eviction's lock,
   * before it leaves the map (so that whatever it keeps of the entry is in place before a reader can
   * miss the entry); the removal may still fail if the key was given another value meanwhile.
   */
  ClockEviction(Map<K, V> map, int capacity, BiConsumer<K, V> leaving) {
    this.map = map;
    this.capacity = capacity;
    this.leaving = leaving;
  }

  int capacity() {
    return capacity;
  }

  /**
   * Once the map has grown past its capacity, drops entries back to a little below it (a 1,024th of
   * it lower, so that the callers that find it full share the work in small steps).
   */
  void trim(Predicate<V> evictable) {
    int limit = capacity;
    if (map.size() > limit) {
      evictTo(stepBelow(limit), evictable);
    }
  }

  /** A little below {@code size}: a 1,024th of it lower, at least one. */
  static int stepBelow(int size) {
    return size - Math.max(1, size / 1024);
  }

  /**
   * The heap ran short ({@link HeapPressure}): from now on keeps at most three quarters of the
   * entries kept now (never fewer than {@link #MIN_SHRUNK_CAPACITY}), and drops the rest at once.
   */
  void shrink(Predicate<V> evictable) {
    int kept = map.size();
    int lowered = Math.min(capacity, Math.max(MIN_SHRUNK_CAPACITY, kept - kept / 4));
    capacity = lowered;
    evictTo(lowered, evictable);
  }

  /**
   * Drops entries that {@code evictable} accepts, in CLOCK order, until at most {@code size} are
   * left; gives up after two rounds (by then every mark is cleared, so only entries it refuses are
   * left). The excess is counted under the lock, so callers that all found the map too large at
   * once do not each drop their own share.
   */
  synchronized void evictTo(int size, Predicate<V> evictable) {
    int excess = map.size() - size;
    int limit = 2 * map.size() + 1;
    for (int visited = 0; excess > 0 && visited < limit; visited++) {
      if (hand == null || !hand.hasNext()) {
        hand = map.entrySet().iterator();
        if (!hand.hasNext()) {
          return;
        }
      }
      Map.Entry<K, V> e = hand.next();
      V value = e.getValue();
      Entry marked = value;
      if (marked.used) {
        marked.used = false;
      } else if (evictable.test(value)) {
        leaving.accept(e.getKey(), value);
        if (map.remove(e.getKey(), value)) {
          excess--;
        }
      }
    }
  }
}
