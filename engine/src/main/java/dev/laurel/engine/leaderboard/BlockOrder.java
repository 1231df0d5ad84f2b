package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * The blocks of a {@link BlockSequence} in order. By place: the block's id, its first entry (so
 * that finding the block for a key is a binary search over a few flat arrays, without touching the
 * blocks) and a {@link Fenwick} tree of block sizes. Inserting or removing a block costs
 * O(blockCount): the arrays shift, the blocks after it are renumbered and the tree is rebuilt.
 */
final class BlockOrder {
  private final BlockStore store;
  private final EntryOrder order;
  private final Fenwick fenwick = new Fenwick();
  private int[] idAt;
  private long[] firstWhole;
  private long[] firstFraction;
  private long[] firstReachedAt;
  private int[] firstHandle;
  private int count;

  BlockOrder(BlockStore store, EntryOrder order, int expectedBlocks) {
    this.store = store;
    this.order = order;
    idAt = new int[Math.max(8, expectedBlocks)];
    firstWhole = new long[idAt.length];
    firstFraction = new long[idAt.length];
    firstReachedAt = new long[idAt.length];
    firstHandle = new int[idAt.length];
  }

  int count() {
    return count;
  }

  int idAt(int place) {
    return idAt[place];
  }

  /** The place of the last block whose first entry ranks before the given entry, or 0. */
  int placeFor(long whole, long fraction, long reachedAt, int handle) {
    int low = 0;
    int high = count - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (compareToFirst(mid, whole, fraction, reachedAt, handle) > 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /**
   * Whether the entry ranks after the first entry of the block at {@code place} (or that block is
   * the first) and before the first entry of the next block (or there is none).
   */
  boolean spans(int place, long whole, long fraction, long reachedAt, int handle) {
    return (place == 0 || compareToFirst(place, whole, fraction, reachedAt, handle) > 0)
        && (place == count - 1 || compareToFirst(place + 1, whole, fraction, reachedAt, handle) < 0);
  }

  /** The number of entries in the blocks before {@code place}. */
  int countBefore(int place) {
    return fenwick.countBefore(place);
  }

  /** The place of the block holding the entry at 0-based {@code position}. */
  int placeOf(int position) {
    return fenwick.blockAt(position);
  }

  void resized(int place, int delta) {
    fenwick.add(place, delta);
  }

  /** Takes the first entry of the block at {@code place} from the block (sorting it is not needed). */
  void refreshFirst(int place) {
    int id = idAt[place];
    long[] block = store.block(id);
    int capacity = store.capacity();
    int slot = store.isSorted(id) ? 0 : Block.firstSlot(block, capacity, store.size(id), order);
    setFirst(place, Block.whole(block, slot), Block.fraction(block, capacity, slot),
        Block.reachedAt(block, capacity, slot), Block.handle(block, capacity, slot));
  }

  /** Records a new first entry of the block at {@code place}. */
  void setFirst(int place, long whole, long fraction, long reachedAt, int handle) {
    firstWhole[place] = whole;
    firstFraction[place] = fraction;
    firstReachedAt[place] = reachedAt;
    firstHandle[place] = handle;
  }

  int firstHandle(int place) {
    return firstHandle[place];
  }

  /** Whether the given entry ranks before the first entry of the block at {@code place}. */
  boolean beforeFirst(int place, long whole, long fraction, long reachedAt, int handle) {
    return compareToFirst(place, whole, fraction, reachedAt, handle) < 0;
  }

  /** Rewrites the handles of first entries after {@link UserIds} rebuilt its table. */
  void renumber(int[] newHandles) {
    for (int place = 0; place < count; place++) {
      firstHandle[place] = newHandles[firstHandle[place]];
    }
  }

  /** Adds a block at the end without updating the sizes tree; {@link #recount} must follow. */
  void append(int id) {
    ensureRoom();
    idAt[count] = id;
    store.setPlace(id, count);
    refreshFirst(count++);
  }

  void recount() {
    fenwick.rebuild(idAt, store, count);
  }

  void insert(int place, int id) {
    ensureRoom();
    shift(place, place + 1, count - place);
    idAt[place] = id;
    count++;
    renumberFrom(place);
    refreshFirst(place);
  }

  /** Removes the block at {@code place} and releases it. */
  void remove(int place) {
    store.release(idAt[place]);
    shift(place + 1, place, count - place - 1);
    count--;
    renumberFrom(place);
  }

  long footprintBytes() {
    return 28L * idAt.length + 4L * (count + 1);
  }

  private int compareToFirst(int place, long whole, long fraction, long reachedAt, int handle) {
    return order.compare(
        whole, fraction, reachedAt, handle,
        firstWhole[place], firstFraction[place], firstReachedAt[place], firstHandle[place]);
  }

  private void renumberFrom(int place) {
    for (int i = place; i < count; i++) {
      store.setPlace(idAt[i], i);
    }
    recount();
  }

  private void shift(int from, int to, int length) {
    System.arraycopy(idAt, from, idAt, to, length);
    System.arraycopy(firstWhole, from, firstWhole, to, length);
    System.arraycopy(firstFraction, from, firstFraction, to, length);
    System.arraycopy(firstReachedAt, from, firstReachedAt, to, length);
    System.arraycopy(firstHandle, from, firstHandle, to, length);
  }

  private void ensureRoom() {
    if (count == idAt.length) {
      int length = 2 * count;
      idAt = Arrays.copyOf(idAt, length);
      firstWhole = Arrays.copyOf(firstWhole, length);
      firstFraction = Arrays.copyOf(firstFraction, length);
      firstReachedAt = Arrays.copyOf(firstReachedAt, length);
      firstHandle = Arrays.copyOf(firstHandle, length);
    }
  }
}
