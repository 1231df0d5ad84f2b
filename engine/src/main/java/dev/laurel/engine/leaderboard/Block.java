package dev.laurel.engine.leaderboard;

/**
 * A block is a {@code long[3 * capacity]} holding up to {@code capacity} entries as three sections:
 * values' whole parts, {@code fraction << 30 | handle}, and reached-at instants. The fraction (below
 * 10^10 < 2^34) and the handle (below 2^30) share one long, so an entry takes 24 bytes. The entries
 * of a block are not necessarily in rank order ({@link BlockSequence} sorts a block when it is read
 * in order).
 *
 * <p>Every method takes the block's capacity from its caller rather than from the array's length,
 * so that finding an entry's address does not wait for the array's header to come from memory.
 */
final class Block {
  static final int HANDLE_BITS = 30;
  static final int MAX_HANDLES = 1 << HANDLE_BITS;
  private static final long HANDLE_MASK = MAX_HANDLES - 1;

  private Block() {}

  static long[] allocate(int capacity) {
    return new long[3 * capacity];
  }

  static long whole(long[] block, int slot) {
    return block[slot];
  }

  static long fraction(long[] block, int capacity, int slot) {
    return block[capacity + slot] >>> HANDLE_BITS;
  }

  static int handle(long[] block, int capacity, int slot) {
    return (int) (block[capacity + slot] & HANDLE_MASK);
  }

  static long reachedAt(long[] block, int capacity, int slot) {
    return block[2 * capacity + slot];
  }

  static void set(long[] block, int capacity, int slot, long w, long f, long t, int handle) {
    block[slot] = w;
    block[capacity + slot] = f << HANDLE_BITS | handle;
    block[2 * capacity + slot] = t;
  }

  static void setHandle(long[] block, int capacity, int slot, int handle) {
    int at = capacity + slot;
    block[at] = block[at] & ~HANDLE_MASK | handle;
  }

  /** Copies the entry at slot {@code from} over the one at {@code to}, inside one block. */
  static void copyEntry(long[] block, int capacity, int from, int to) {
    block[to] = block[from];
    block[capacity + to] = block[capacity + from];
    block[2 * capacity + to] = block[2 * capacity + from];
  }

  /** Copies {@code count} entries between blocks of the same capacity (or inside one block). */
  static void copy(long[] source, int from, long[] target, int to, int count, int capacity) {
    for (int section = 0; section < 3; section++) {
      System.arraycopy(source, section * capacity + from, target, section * capacity + to, count);
    }
  }

  /** Whether the entry at {@code slot} ranks before the given entry. */
  static boolean before(long[] block, int capacity, int slot, EntryOrder order, long w, long f, long t, int handle) {
    return order.compare(
            block[slot], fraction(block, capacity, slot), reachedAt(block, capacity, slot), handle(block, capacity, slot),
            w, f, t, handle)
        < 0;
  }

  /**
   * The number of the first {@code size} entries that rank before the given entry: one pass over
   * the whole parts, which settle all but ties.
   */
  static int countBefore(long[] block, int capacity, int size, EntryOrder order, long w, long f, long t, int handle) {
    int count = 0;
    for (int slot = 0; slot < size; slot++) {
      long whole = block[slot];
      count += whole > w ? 1 : 0;
      if (whole == w && before(block, capacity, slot, order, w, f, t, handle)) {
        count++;
      }
    }
    return count;
  }

  /** The slot of the entry that ranks first among the first {@code size} ({@code size > 0}). */
  static int firstSlot(long[] block, int capacity, int size, EntryOrder order) {
    int first = 0;
    for (int slot = 1; slot < size; slot++) {
      if (block[slot] >= block[first]
          && before(block, capacity, slot, order, block[first], fraction(block, capacity, first),
              reachedAt(block, capacity, first), handle(block, capacity, first))) {
        first = slot;
      }
    }
    return first;
  }
}
