package dev.laurel.server.events;

import dev.laurel.engine.user.UserState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Issue 8: the second tier of kept users' states, behind those kept as objects: states packed by
 * {@link StateCodec}, each with a tag saying what it is current at (a write generation, a state
 * version), within a budget of heap. Beyond the budget, packed states are dropped in CLOCK order.
 *
 * <p>Each user has a slot whose buffer is written over in place: a user's state is taken out
 * (unpacked) at an event and packed again once its write commits, nearly always to about the same
 * size, so the buffer, long promoted, is reused. Issue 8: a new array and holder for each packing
 * were promoted at the next young collection (most users return long after it) and died in the old
 * generation at the user's next event; they were most of what each young collection promoted, and
 * so of the work of the mixed collections, the longest pauses at 5,000 events/s. A slot taken out
 * keeps its buffer (still counted against the budget) for the user's next packing.
 *
 * @param <K> what identifies a user
 */
final class PackedStates<K> {
  /** The heap a packed state takes besides its bytes (map node, key, user id, slot), roughly. */
  static final int OVERHEAD = 176;

  private final Map<K, Slot> slots = new ConcurrentHashMap<>();
  private final StateCodec codec = new StateCodec();
  private final ClockEviction<K, Slot> eviction;
  private final AtomicLong budget;
  /** The heap the slots take, as {@link Slot#size} counts it. */
  private final AtomicLong size = new AtomicLong();

  /** A user's packed state, if {@code length} is not 0; its fields are guarded by the slot itself. */
  private static final class Slot extends ClockEviction.Entry {
    private byte[] bytes;
    private volatile int length;
    private long tag;
    private long packedAt;
    /** Counted out of the budget (dropped from the map, or about to be): never written again. */
    private boolean gone;

    Slot(int capacity) {
      bytes = new byte[capacity];
    }

    long size() {
      return bytes.length + OVERHEAD;
    }
  }

  /** Keeps packed states up to {@code budgetBytes} of heap (0 keeps none). */
  PackedStates(long budgetBytes) {
    this.budget = new AtomicLong(budgetBytes);
    this.eviction = new ClockEviction<>(slots, Integer.MAX_VALUE, (key, leaving) -> countOut(leaving));
  }

  /**
   * A buffer's size for a packed state of {@code n} bytes, in 16s: room to grow by a quarter and 32
   * bytes more (a user's state grows most over the user's first events: totals of new metrics,
   * entries of new leaderboard runs).
   */
  static int capacityFor(int n) {
    return (n + n / 4 + 32 + 15) & ~15;
  }

  /**
   * Whether a packed state of {@code n} bytes is written into a buffer of {@code capacity}: it fits,
   * and the buffer is no more than twice the one it would get of its own (a buffer of its own
   * always qualifies, however small the state).
   */
  static boolean fits(int n, int capacity) {
    return n <= capacity && capacity <= 2 * capacityFor(n);
  }

  /**
   * Keeps {@code state}, current at {@code tag}, in place of any packed state of the user (which is
   * dropped even when nothing is kept).
   */
  void put(K key, long tag, UserState state) {
    if (budget.get() <= 0) {
      remove(key);
      return;
    }
    byte[] packed = codec.pack(state);
    for (; ; ) {
      Slot slot = slots.get(key);
      if (slot == null) {
        Slot fresh = new Slot(capacityFor(packed.length));
        fill(fresh, tag, packed);
        size.addAndGet(fresh.size());
        if (slots.putIfAbsent(key, fresh) == null) {
          break;
        }
        size.addAndGet(-fresh.size());
        continue;
      }
      synchronized (slot) {
        if (!slot.gone) {
          fill(slot, tag, packed);
          slot.touch();
          break;
        }
      }
      slots.remove(key, slot); // counted out by an eviction that has not removed it yet
    }
    if (size.get() > budget.get()) {
      eviction.evictTo(ClockEviction.stepBelow(slots.size()), any -> true);
    }
  }

  /**
   * Writes a packed state into the slot (one not gone: a new one, or one locked and checked), in its
   * buffer if that {@linkplain #fits fits}.
   */
  private void fill(Slot slot, long tag, byte[] packed) {
    int n = packed.length;
    if (!fits(n, slot.bytes.length)) {
      byte[] resized = new byte[capacityFor(n)];
      size.addAndGet(resized.length - slot.bytes.length);
      slot.bytes = resized;
    }
    System.arraycopy(packed, 0, slot.bytes, 0, n);
    slot.tag = tag;
    slot.packedAt = System.nanoTime();
    slot.length = n;
  }

  /** A packed state taken out, unpacked, with what it was current at and whether it was packed recently. */
  record Unpacked(long tag, UserState state, boolean recent) {}

  /**
   * Takes the user's packed state out if it is current at {@code tag} and returns it unpacked, with
   * whether it was packed less than {@code recentNanos} ago; otherwise drops any packed state of the
   * user and returns null.
   */
  Unpacked take(K key, String userId, long tag, long recentNanos) {
    return takeOut(key, userId, recentNanos, kept -> kept == tag);
  }

  /** Same as {@link #take(Object, String, long, long)}, whatever the state is current at. */
  Unpacked take(K key, String userId, long recentNanos) {
    return takeOut(key, userId, recentNanos, any -> true);
  }

  /**
   * Takes the user's packed state out of its slot and, if {@code current} accepts its tag, unpacks it
   * (under the slot's lock: the buffer is reused after); null if none or not accepted.
   */
  private Unpacked takeOut(K key, String userId, long recentNanos, LongPredicate current) {
    Slot slot = slots.get(key);
    if (slot == null) {
      return null;
    }
    synchronized (slot) {
      int n = slot.length;
      if (slot.gone || n == 0) {
        return null;
      }
      slot.length = 0;
      return current.test(slot.tag)
          ? new Unpacked(slot.tag, codec.unpack(userId, slot.bytes, n), System.nanoTime() - slot.packedAt < recentNanos)
          : null;
    }
  }

  /** Drops the user's packed state, if any (its slot stays, for the user's next packing). */
  void drop(K key) {
    Slot slot = slots.get(key);
    if (slot != null) {
      synchronized (slot) {
        slot.length = 0;
      }
    }
  }

  /** Removes the user's slot and counts it out of the budget. */
  private void remove(K key) {
    Slot gone = slots.remove(key);
    if (gone != null) {
      countOut(gone);
    }
  }

  void clear() {
    slots.keySet().forEach(this::remove);
  }

  /** Lowers the budget by a quarter and drops packed states until they fit it. */
  void relieveMemory() {
    long lowered = budget.updateAndGet(b -> b - b / 4);
    for (int round = 0; round < 64 && size.get() > lowered; round++) {
      int n = slots.size();
      eviction.evictTo(n - Math.max(1, n / 8), any -> true);
    }
  }

  /** Packed states kept (slots whose state was taken out or dropped not counted). */
  int count() {
    int n = 0;
    for (Slot slot : slots.values()) {
      if (slot.length != 0) {
        n++;
      }
    }
    return n;
  }

  /** The heap the slots take, as counted against the budget. */
  long bytes() {
    return size.get();
  }

  /** The heap the slots in the map take, added up slot by slot (for tests: {@link #bytes} agrees). */
  long slotBytes() {
    long sum = 0;
    for (Slot slot : slots.values()) {
      synchronized (slot) {
        sum += slot.gone ? 0 : slot.size();
      }
    }
    return sum;
  }

  private void countOut(Slot slot) {
    synchronized (slot) {
      if (!slot.gone) {
        slot.gone = true;
        slot.length = 0;
        size.addAndGet(-slot.size());
      }
    }
  }
}
