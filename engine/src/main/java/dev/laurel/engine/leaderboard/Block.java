package dev.laurel.engine.leaderboard;

/**
 * A run of consecutive entries in rank order, stored inline in parallel primitive arrays so that a
 * search inside the block touches a few contiguous cache lines. {@code index} is the block's
 * position in its {@link BlockSequence}.
 */
final class Block {
  final long[] whole;
  final long[] fraction;
  final long[] reachedAt;
  final int[] handles;
  int size;
  int index;

  Block(int capacity) {
    whole = new long[capacity];
    fraction = new long[capacity];
    reachedAt = new long[capacity];
    handles = new int[capacity];
  }

  boolean isFull() {
    return size == handles.length;
  }

  int slotOf(int handle) {
    for (int slot = 0; ; slot++) {
      if (handles[slot] == handle) {
        return slot;
      }
    }
  }

  /** Compares the entry to this block's first entry, as {@link EntryOrder#compare} does. */
  int compareToFirst(EntryOrder order, long w, long f, long t, int handle) {
    return order.compare(w, f, t, handle, whole[0], fraction[0], reachedAt[0], handles[0]);
  }

  /** The number of entries in this block that rank before the given entry. */
  int countBefore(EntryOrder order, long w, long f, long t, int handle) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (order.compare(whole[mid], fraction[mid], reachedAt[mid], handles[mid], w, f, t, handle) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  void insertAt(int slot, long w, long f, long t, int handle) {
    shift(slot, slot + 1, size - slot);
    whole[slot] = w;
    fraction[slot] = f;
    reachedAt[slot] = t;
    handles[slot] = handle;
    size++;
  }

  void removeAt(int slot) {
    shift(slot + 1, slot, size - slot - 1);
    size--;
  }

  void append(long w, long f, long t, int handle) {
    whole[size] = w;
    fraction[size] = f;
    reachedAt[size] = t;
    handles[size] = handle;
    size++;
  }

  /** Moves this block's entries from {@code from} on to the front of {@code next}. */
  void moveTailTo(Block next, int from) {
    int count = size - from;
    next.shift(0, count, next.size);
    copy(this, from, next, 0, count);
    next.size += count;
    size = from;
  }

  /** Moves this block's first {@code count} entries to the end of {@code previous}. */
  void moveHeadTo(Block previous, int count) {
    copy(this, 0, previous, previous.size, count);
    previous.size += count;
    shift(count, 0, size - count);
    size -= count;
  }

  private void shift(int from, int to, int count) {
    copy(this, from, this, to, count);
  }

  private static void copy(Block source, int from, Block target, int to, int count) {
    System.arraycopy(source.whole, from, target.whole, to, count);
    System.arraycopy(source.fraction, from, target.fraction, to, count);
    System.arraycopy(source.reachedAt, from, target.reachedAt, to, count);
    System.arraycopy(source.handles, from, target.handles, to, count);
  }
}
