package dev.laurel.engine.leaderboard;

/**
 * A block is a {@code long[3 * capacity]} holding a run of consecutive entries in rank order as
 * three sections: values' whole parts, {@code fraction << 30 | handle}, and reached-at instants.
 * The fraction (below 10^10 < 2^34) and the handle (below 2^30) share one long, so an entry takes
 * 24 bytes and a search inside the block reads one array.
 */
final class Block {
  static final int HANDLE_BITS = 30;
  static final int MAX_HANDLES = 1 << HANDLE_BITS;
  private static final long HANDLE_MASK = MAX_HANDLES - 1;

  private Block() {}

  static long[] allocate(int capacity) {
    return new long[3 * capacity];
  }

  static int capacity(long[] block) {
    return block.length / 3;
  }

  static long whole(long[] block, int slot) {
    return block[slot];
  }

  static long fraction(long[] block, int slot) {
    return block[capacity(block) + slot] >>> HANDLE_BITS;
  }

  static int handle(long[] block, int slot) {
    return (int) (block[capacity(block) + slot] & HANDLE_MASK);
  }

  static void setHandle(long[] block, int slot, int handle) {
    int at = capacity(block) + slot;
    block[at] = block[at] & ~HANDLE_MASK | handle;
  }

  static long reachedAt(long[] block, int slot) {
    return block[2 * capacity(block) + slot];
  }

  /**
   * The slot of {@code handle} among the first {@code size} entries, searched outwards from {@code
   * hint}, where it was last seen: entries drift a few slots as their neighbours come and go.
   */
  static int slotOf(long[] block, int size, int handle, int hint) {
    int handles = capacity(block);
    int start = Math.min(hint, size - 1);
    for (int distance = 0; distance < size; distance++) {
      int above = start - distance;
      if (above >= 0 && (block[handles + above] & HANDLE_MASK) == handle) {
        return above;
      }
      int below = start + distance;
      if (below < size && (block[handles + below] & HANDLE_MASK) == handle) {
        return below;
      }
    }
    throw new IllegalStateException("handle " + handle + " is not in its block");
  }

  /**
   * The number of entries that rank before the given entry, given that those before slot {@code
   * low} do and those from slot {@code high} on do not.
   */
  static int countBefore(long[] block, int low, int high, EntryOrder order, long w, long f, long t, int handle) {
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (order.compare(whole(block, mid), fraction(block, mid), reachedAt(block, mid), handle(block, mid), w, f, t, handle) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * As {@link #countBefore}, searching outwards from slot {@code near} by doubling steps, so that
   * an answer close to {@code near} reads only the cache lines around it.
   */
  static int countBeforeNear(long[] block, int size, int near, EntryOrder order, long w, long f, long t, int handle) {
    int low;
    int high;
    if (near < size && before(block, near, order, w, f, t, handle)) {
      low = near + 1;
      high = size;
      for (int step = 1; low + step - 1 < size; step <<= 1) {
        int probe = low + step - 1;
        if (!before(block, probe, order, w, f, t, handle)) {
          high = probe;
          break;
        }
        low = probe + 1;
      }
    } else {
      low = 0;
      high = near;
      for (int step = 1; high - step >= 0; step <<= 1) {
        int probe = high - step;
        if (before(block, probe, order, w, f, t, handle)) {
          low = probe + 1;
          break;
        }
        high = probe;
      }
    }
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (before(block, mid, order, w, f, t, handle)) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static boolean before(long[] block, int slot, EntryOrder order, long w, long f, long t, int handle) {
    return order.compare(whole(block, slot), fraction(block, slot), reachedAt(block, slot), handle(block, slot), w, f, t, handle) < 0;
  }

  static void set(long[] block, int slot, long w, long f, long t, int handle) {
    int capacity = capacity(block);
    block[slot] = w;
    block[capacity + slot] = f << HANDLE_BITS | handle;
    block[2 * capacity + slot] = t;
  }

  static void insertAt(long[] block, int size, int slot, long w, long f, long t, int handle) {
    copy(block, slot, block, slot + 1, size - slot);
    set(block, slot, w, f, t, handle);
  }

  /** Takes the entry at {@code from} out and puts the given entry at {@code to}, shifting those between. */
  static void moveTo(long[] block, int from, int to, long w, long f, long t, int handle) {
    if (to < from) {
      copy(block, to, block, to + 1, from - to);
    } else {
      copy(block, from + 1, block, from, to - from);
    }
    set(block, to, w, f, t, handle);
  }

  static void removeAt(long[] block, int size, int slot) {
    copy(block, slot + 1, block, slot, size - slot - 1);
  }

  /** Copies {@code count} entries; source and target may be the same block. */
  static void copy(long[] source, int from, long[] target, int to, int count) {
    int sourceCapacity = capacity(source);
    int targetCapacity = capacity(target);
    for (int section = 0; section < 3; section++) {
      System.arraycopy(source, section * sourceCapacity + from, target, section * targetCapacity + to, count);
    }
  }
}
