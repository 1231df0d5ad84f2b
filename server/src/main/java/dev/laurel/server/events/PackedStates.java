package dev.laurel.server.events;

import dev.laurel.engine.user.UserState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 8: the second tier of kept users' states, behind those kept as objects: states packed by
 * {@link StateCodec}, each with a tag saying what it is current at (a write generation, a state
 * version), within a budget of heap. Beyond the budget, packed states are dropped in CLOCK order.
 *
 * @param <K> what identifies a user
 */
final class PackedStates<K> {
  /** The heap a packed state takes besides its bytes (map node, key, user id, holder), roughly. */
  static final int OVERHEAD = 176;

  private final Map<K, Packed> packed = new ConcurrentHashMap<>();
  private final StateCodec codec = new StateCodec();
  private final ClockEviction<K, Packed> eviction;
  private final AtomicLong budget;
  /** The heap the packed states take, as {@link Packed#size} counts it. */
  private final AtomicLong size = new AtomicLong();

  private static final class Packed extends ClockEviction.Entry {
    final long tag;
    final byte[] bytes;
    final long packedAt = System.nanoTime();
    /** Whether its size is still counted: it is counted out once, by whoever does it first. */
    final AtomicBoolean counted = new AtomicBoolean(true);

    Packed(long tag, byte[] bytes) {
      this.tag = tag;
      this.bytes = bytes;
    }

    long size() {
      return bytes.length + OVERHEAD;
    }
  }

  /** Keeps packed states up to {@code budgetBytes} of heap (0 keeps none). */
  PackedStates(long budgetBytes) {
    this.budget = new AtomicLong(budgetBytes);
    this.eviction = new ClockEviction<>(packed, Integer.MAX_VALUE, (key, leaving) -> countOut(leaving));
  }

  /**
   * Keeps {@code state}, current at {@code tag}, in place of any packed state of the user (which is
   * dropped even when nothing is kept).
   */
  void put(K key, long tag, UserState state) {
    if (budget.get() <= 0) {
      drop(key);
      return;
    }
    Packed kept = new Packed(tag, codec.pack(state));
    size.addAndGet(kept.size());
    Packed replaced = packed.put(key, kept);
    if (replaced != null) {
      countOut(replaced);
    }
    if (size.get() > budget.get()) {
      eviction.evictTo(ClockEviction.stepBelow(packed.size()), any -> true);
    }
  }

  /**
   * Takes the user's packed state out if it is current at {@code tag} and returns it unpacked, with
   * whether it was packed less than {@code recentNanos} ago; otherwise drops any packed state of the
   * user and returns null.
   */
  Taken take(K key, String userId, long tag, long recentNanos) {
    Packed kept = packed.get(key);
    if (kept == null) {
      return null;
    }
    if (packed.remove(key, kept)) {
      countOut(kept);
    }
    return kept.tag == tag
        ? new Taken(codec.unpack(userId, kept.bytes), System.nanoTime() - kept.packedAt < recentNanos)
        : null;
  }

  /** A packed state taken out, unpacked, and whether it was packed recently. */
  record Taken(UserState state, boolean recent) {}

  /** A packed state taken out, unpacked, with what it was current at. */
  record Unpacked(long tag, UserState state) {}

  /** Takes the user's packed state out, whatever it is current at, unpacked; null if none. */
  Unpacked take(K key, String userId) {
    Packed kept = remove(key);
    return kept == null ? null : new Unpacked(kept.tag, codec.unpack(userId, kept.bytes));
  }

  /** Drops the user's packed state, if any. */
  void drop(K key) {
    remove(key);
  }

  /** Removes the user's packed state and counts it out of the budget; returns it, or null. */
  private Packed remove(K key) {
    Packed gone = packed.remove(key);
    if (gone != null) {
      countOut(gone);
    }
    return gone;
  }

  void clear() {
    packed.keySet().forEach(this::drop);
  }

  /** Lowers the budget by a quarter and drops packed states until they fit it. */
  void relieveMemory() {
    long lowered = budget.updateAndGet(b -> b - b / 4);
    for (int round = 0; round < 64 && size.get() > lowered; round++) {
      int n = packed.size();
      eviction.evictTo(n - Math.max(1, n / 8), any -> true);
    }
  }

  int count() {
    return packed.size();
  }

  /** The heap the packed states take, as counted against the budget. */
  long bytes() {
    return size.get();
  }

  private void countOut(Packed gone) {
    if (gone.counted.compareAndSet(true, false)) {
      size.addAndGet(-gone.size());
    }
  }
}
