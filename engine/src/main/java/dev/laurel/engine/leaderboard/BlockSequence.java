package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * Entries in LB-10 order, cut into {@link Block}s of at most {@code capacity} entries. A block has
 * a stable id in a {@link BlockStore} and a place in the order ({@code idAt[place]} is the id).
 * Kept by place, so that the search stays in a few small arrays: the first entry of each block
 * ({@code first*}) and a {@link Fenwick} tree of sizes.
 * Each handle's block id is kept beside its user id ({@link UserIds#blockOf}).
 *
 * <p>Finding a key is a binary search over the blocks' first entries, then inside one block; the
 * position of a handle is the Fenwick prefix of its block plus its slot, found by scanning the
 * block. A full block splits in two halves; a block under a quarter full merges with a neighbour
 * (or, if both would not fit in three quarters of a block, shares entries evenly with it), so
 * every block but a lone one stays at least a quarter full, and the structural changes, which cost
 * O(blockCount), happen at most once per capacity/4 updates of a block.
 */
final class BlockSequence {
  private final int capacity;
  private final UserIds ids;
  private final EntryOrder order;
  private final Fenwick fenwick = new Fenwick();
  private BlockStore store;
  private int[] idAt;
  private long[] firstWhole;
  private long[] firstFraction;
  private long[] firstReachedAt;
  private int[] firstHandle;
  private int blockCount;
  private int size;

  BlockSequence(int capacity, UserIds ids) {
    if (capacity < 4) {
      throw new IllegalArgumentException("block capacity must be at least 4, got " + capacity);
    }
    this.capacity = capacity;
    this.ids = ids;
    this.order = new EntryOrder(ids);
    clear();
  }

  int size() {
    return size;
  }

  boolean contains(int handle) {
    return ids.blockOf(handle) != IdArena.NO_BLOCK;
  }

  int position(int handle) {
    int id = ids.blockOf(handle);
    return fenwick.countBefore(store.place(id)) + Block.slotOf(store.block(id), handle);
  }

  /** Visits the {@code count} entries from 0-based {@code from}; they must exist. */
  void visit(int from, int count, EntryVisitor visitor) {
    int place = fenwick.blockAt(from);
    int slot = from - fenwick.countBefore(place);
    int id = idAt[place];
    long[] block = store.block(id);
    for (int position = from; position < from + count; position++, slot++) {
      if (slot == store.size(id)) {
        id = idAt[++place];
        block = store.block(id);
        slot = 0;
      }
      visitor.visit(
          Block.handle(block, slot),
          Block.whole(block, slot),
          Block.fraction(block, slot),
          Block.reachedAt(block, slot),
          position);
    }
  }

  void insert(int handle, long whole, long fraction, long reachedAt) {
    if (blockCount == 0) {
      insertBlock(0, store.allocate());
    }
    int place = placeFor(whole, fraction, reachedAt, handle);
    int id = idAt[place];
    int slot = Block.countBefore(store.block(id), store.size(id), order, whole, fraction, reachedAt, handle);
    if (store.size(id) == capacity) {
      int right = split(place);
      if (slot > store.size(id)) {
        slot -= store.size(id);
        id = right;
        place++;
      }
    }
    Block.insertAt(store.block(id), store.size(id), slot, whole, fraction, reachedAt, handle);
    store.resize(id, 1);
    if (slot == 0) {
      refreshFirst(place);
    }
    ids.setBlockOf(handle, id);
    fenwick.add(place, 1);
    size++;
  }

  void remove(int handle) {
    int id = ids.blockOf(handle);
    int place = store.place(id);
    long[] block = store.block(id);
    int slot = Block.slotOf(block, handle);
    Block.removeAt(block, store.size(id), slot);
    store.resize(id, -1);
    ids.setBlockOf(handle, IdArena.NO_BLOCK);
    fenwick.add(place, -1);
    size--;
    int remaining = store.size(id);
    if (remaining == 0) {
      removeBlock(place);
      return;
    }
    if (slot == 0) {
      refreshFirst(place);
    }
    if (remaining < capacity / 4 && blockCount > 1) {
      rebalance(place + 1 < blockCount ? place : place - 1);
    }
  }

  /** Replaces the content with {@code count} entries already in LB-10 order. */
  void load(Columns sorted, int count) {
    clear();
    int perBlock = capacity - capacity / 8;
    resizePlaces(Math.max(8, count / perBlock + 2));
    for (int start = 0; start < count; start += perBlock) {
      int id = store.allocate();
      int filled = Math.min(perBlock, count - start);
      long[] block = store.block(id);
      for (int slot = 0; slot < filled; slot++) {
        int i = start + slot;
        int handle = sorted.handles()[i];
        Block.set(block, slot, sorted.whole()[i], sorted.fraction()[i], sorted.reachedAt()[i], handle);
        ids.setBlockOf(handle, id);
      }
      store.resize(id, filled);
      store.setPlace(id, blockCount);
      idAt[blockCount] = id;
      refreshFirst(blockCount++);
    }
    size = count;
    fenwick.rebuild(idAt, store, blockCount);
  }

  void clear() {
    store = new BlockStore(capacity);
    idAt = new int[0];
    firstWhole = firstFraction = firstReachedAt = new long[0];
    firstHandle = new int[0];
    resizePlaces(8);
    blockCount = 0;
    size = 0;
    fenwick.rebuild(idAt, store, 0);
  }

  long footprintBytes() {
    return store.footprintBytes() + 28L * idAt.length + 4L * (blockCount + 1);
  }

  private int placeFor(long whole, long fraction, long reachedAt, int handle) {
    int low = 0;
    int high = blockCount - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      int sign = order.compare(
          whole, fraction, reachedAt, handle,
          firstWhole[mid], firstFraction[mid], firstReachedAt[mid], firstHandle[mid]);
      if (sign > 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** Moves the upper half of the block at {@code place} to a new block after it; returns its id. */
  private int split(int place) {
    int id = idAt[place];
    int right = store.allocate();
    int kept = store.size(id) / 2;
    int moved = store.size(id) - kept;
    Block.copy(store.block(id), kept, store.block(right), 0, moved);
    store.resize(id, -moved);
    store.resize(right, moved);
    reassign(right, 0, moved);
    insertBlock(place + 1, right);
    return right;
  }

  private void rebalance(int leftPlace) {
    int left = idAt[leftPlace];
    int right = idAt[leftPlace + 1];
    int leftSize = store.size(left);
    int rightSize = store.size(right);
    long[] leftBlock = store.block(left);
    long[] rightBlock = store.block(right);
    if (leftSize + rightSize <= capacity - capacity / 4) {
      Block.copy(rightBlock, 0, leftBlock, leftSize, rightSize);
      store.resize(left, rightSize);
      reassign(left, leftSize, leftSize + rightSize);
      removeBlock(leftPlace + 1);
      return;
    }
    int moved = (leftSize + rightSize) / 2 - leftSize;
    if (moved > 0) {
      Block.copy(rightBlock, 0, leftBlock, leftSize, moved);
      Block.copy(rightBlock, moved, rightBlock, 0, rightSize - moved);
      reassign(left, leftSize, leftSize + moved);
    } else {
      Block.copy(rightBlock, 0, rightBlock, -moved, rightSize);
      Block.copy(leftBlock, leftSize + moved, rightBlock, 0, -moved);
      reassign(right, 0, -moved);
    }
    store.resize(left, moved);
    store.resize(right, -moved);
    refreshFirst(leftPlace + 1);
    fenwick.add(leftPlace, moved);
    fenwick.add(leftPlace + 1, -moved);
  }

  private void reassign(int id, int fromSlot, int toSlot) {
    long[] block = store.block(id);
    for (int slot = fromSlot; slot < toSlot; slot++) {
      ids.setBlockOf(Block.handle(block, slot), id);
    }
  }

  private void insertBlock(int place, int id) {
    if (blockCount == idAt.length) {
      resizePlaces(2 * blockCount);
    }
    shiftPlaces(place, place + 1, blockCount - place);
    idAt[place] = id;
    blockCount++;
    renumberFrom(place);
    refreshFirst(place);
  }

  private void removeBlock(int place) {
    store.release(idAt[place]);
    shiftPlaces(place + 1, place, blockCount - place - 1);
    blockCount--;
    renumberFrom(place);
  }

  private void renumberFrom(int place) {
    for (int i = place; i < blockCount; i++) {
      store.setPlace(idAt[i], i);
    }
    fenwick.rebuild(idAt, store, blockCount);
  }

  private void refreshFirst(int place) {
    long[] block = store.block(idAt[place]);
    firstWhole[place] = Block.whole(block, 0);
    firstFraction[place] = Block.fraction(block, 0);
    firstReachedAt[place] = Block.reachedAt(block, 0);
    firstHandle[place] = Block.handle(block, 0);
  }

  private void shiftPlaces(int from, int to, int count) {
    System.arraycopy(idAt, from, idAt, to, count);
    System.arraycopy(firstWhole, from, firstWhole, to, count);
    System.arraycopy(firstFraction, from, firstFraction, to, count);
    System.arraycopy(firstReachedAt, from, firstReachedAt, to, count);
    System.arraycopy(firstHandle, from, firstHandle, to, count);
  }

  private void resizePlaces(int length) {
    idAt = Arrays.copyOf(idAt, length);
    firstWhole = Arrays.copyOf(firstWhole, length);
    firstFraction = Arrays.copyOf(firstFraction, length);
    firstReachedAt = Arrays.copyOf(firstReachedAt, length);
    firstHandle = Arrays.copyOf(firstHandle, length);
  }
}
