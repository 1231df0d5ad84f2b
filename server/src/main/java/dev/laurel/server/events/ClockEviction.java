package dev.laurel.server.events;

import java.util.Iterator;
import java.util.Map;
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

  private final Map<K, V> map;
  private Iterator<Map.Entry<K, V>> hand;

  ClockEviction(Map<K, V> map) {
    this.map = map;
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
      } else if (evictable.test(value) && map.remove(e.getKey(), value)) {
        excess--;
      }
    }
  }
}
