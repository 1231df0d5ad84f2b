package dev.laurel.engine.leaderboard;

/**
 * Entries in LB-10 order, cut into {@link Block}s of at most {@code capacity} entries, each with a
 * stable id in a {@link BlockStore} and a place in a {@link BlockOrder}. Each handle's location is
 * kept beside its user id ({@link UserIds#location}): its block id and the slot where it was last
 * placed, a hint that saves scanning the block to find it.
 *
 * <p>Finding a key is a binary search over the blocks' first entries, then inside one block; the
 * position of a handle is the number of entries before its block plus its slot. A full block
 * splits in two halves; a block under a quarter full merges with a neighbour (or, if both would
 * not fit in three quarters of a block, shares entries evenly with it), so every block but a lone
 * one stays at least a quarter full, and the structural changes, which cost O(blockCount), happen
 * at most once per capacity/4 updates of a block.
 */
final class BlockSequence {
  private static final int SLOT_BITS = 8;

  private final int capacity;
  private final UserIds ids;
  private final EntryOrder order;
  private BlockStore store;
  private BlockOrder blocks;
  private int size;

  BlockSequence(int capacity, UserIds ids) {
    if (capacity < 4 || capacity > 1 << SLOT_BITS) {
      throw new IllegalArgumentException("block capacity must be 4 to 256, got " + capacity);
    }
    this.capacity = capacity;
    this.ids = ids;
    this.order = new EntryOrder(ids);
    reset(0);
    ids.onRenumbering(this::renumber);
  }

  int size() {
    return size;
  }

  boolean contains(int handle) {
    return ids.location(handle) != UserIds.NO_LOCATION;
  }

  int position(int handle) {
    int location = ids.location(handle);
    int id = location >>> SLOT_BITS;
    return blocks.countBefore(store.place(id)) + slotOf(id, handle, location);
  }

  /** Visits the {@code count} entries from 0-based {@code from}; they must exist. */
  void visit(int from, int count, EntryVisitor visitor) {
    int place = blocks.placeOf(from);
    int slot = from - blocks.countBefore(place);
    int id = blocks.idAt(place);
    long[] block = store.block(id);
    for (int position = from; position < from + count; position++, slot++) {
      if (slot == store.size(id)) {
        id = blocks.idAt(++place);
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
    if (blocks.count() == 0) {
      blocks.insert(0, store.allocate());
    }
    int place = blocks.placeFor(whole, fraction, reachedAt, handle);
    int id = blocks.idAt(place);
    long range = store.searchRange(id, whole);
    int slot = Block.countBefore(store.block(id), (int) (range >>> 32), (int) range, order, whole, fraction, reachedAt, handle);
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
    store.repivot(id, slot);
    if (slot == 0) {
      blocks.refreshFirst(place);
    }
    ids.setLocation(handle, location(id, slot));
    blocks.resized(place, 1);
    size++;
  }

  /**
   * Moves a present handle to a new key. When the key stays in the same block, only the entries
   * between the old and the new slot shift and no block count changes.
   */
  void move(int handle, long whole, long fraction, long reachedAt) {
    int location = ids.location(handle);
    int id = location >>> SLOT_BITS;
    int place = store.place(id);
    if (!blocks.spans(place, whole, fraction, reachedAt, handle)) {
      remove(handle);
      insert(handle, whole, fraction, reachedAt);
      return;
    }
    long[] block = store.block(id);
    int from = slotOf(id, handle, location);
    int to = Block.countBeforeNear(block, store.size(id), from, order, whole, fraction, reachedAt, handle);
    if (to > from) {
      to--;
    }
    Block.moveTo(block, from, to, whole, fraction, reachedAt, handle);
    store.repivot(id, Math.min(from, to));
    ids.setLocation(handle, location(id, to));
    if (from == 0 || to == 0) {
      blocks.refreshFirst(place);
    }
  }

  void remove(int handle) {
    int location = ids.location(handle);
    int id = location >>> SLOT_BITS;
    int place = store.place(id);
    int slot = slotOf(id, handle, location);
    Block.removeAt(store.block(id), store.size(id), slot);
    store.resize(id, -1);
    store.repivot(id, slot);
    ids.setLocation(handle, UserIds.NO_LOCATION);
    blocks.resized(place, -1);
    size--;
    int remaining = store.size(id);
    if (remaining == 0) {
      blocks.remove(place);
      return;
    }
    if (slot == 0) {
      blocks.refreshFirst(place);
    }
    if (remaining < capacity / 4 && blocks.count() > 1) {
      rebalance(place + 1 < blocks.count() ? place : place - 1);
    }
  }

  /** Replaces the content with {@code count} entries already in LB-10 order. */
  void load(Columns sorted, int count) {
    int perBlock = capacity - capacity / 8;
    reset(count / perBlock + 1);
    for (int start = 0; start < count; start += perBlock) {
      int id = store.allocate();
      int filled = Math.min(perBlock, count - start);
      long[] block = store.block(id);
      for (int slot = 0; slot < filled; slot++) {
        int i = start + slot;
        int handle = sorted.handles()[i];
        Block.set(block, slot, sorted.whole()[i], sorted.fraction()[i], sorted.reachedAt()[i], handle);
        ids.setLocation(handle, location(id, slot));
      }
      store.resize(id, filled);
      store.repivot(id, 0);
      blocks.append(id);
    }
    blocks.recount();
    size = count;
  }

  void clear() {
    reset(0);
  }

  long footprintBytes() {
    return store.footprintBytes() + blocks.footprintBytes();
  }

  /** Rewrites every entry's handle after {@link UserIds} rebuilt its table. */
  private void renumber(int[] newHandles) {
    for (int place = 0; place < blocks.count(); place++) {
      int id = blocks.idAt(place);
      long[] block = store.block(id);
      for (int slot = 0; slot < store.size(id); slot++) {
        Block.setHandle(block, slot, newHandles[Block.handle(block, slot)]);
      }
      blocks.refreshFirst(place);
    }
  }

  private void reset(int expectedBlocks) {
    store = new BlockStore(capacity);
    blocks = new BlockOrder(store, order, expectedBlocks);
    size = 0;
  }

  private static int location(int id, int slot) {
    return id << SLOT_BITS | slot;
  }

  private int slotOf(int id, int handle, int location) {
    int hint = location & ((1 << SLOT_BITS) - 1);
    return Block.slotOf(store.block(id), store.size(id), handle, hint);
  }

  /** Moves the upper half of the block at {@code place} to a new block after it; returns its id. */
  private int split(int place) {
    int id = blocks.idAt(place);
    int right = store.allocate();
    int kept = store.size(id) / 2;
    int moved = store.size(id) - kept;
    Block.copy(store.block(id), kept, store.block(right), 0, moved);
    store.resize(id, -moved);
    store.resize(right, moved);
    store.repivot(right, 0);
    reassign(right, 0, moved);
    blocks.insert(place + 1, right);
    return right;
  }

  private void rebalance(int leftPlace) {
    int left = blocks.idAt(leftPlace);
    int right = blocks.idAt(leftPlace + 1);
    int leftSize = store.size(left);
    int rightSize = store.size(right);
    long[] leftBlock = store.block(left);
    long[] rightBlock = store.block(right);
    if (leftSize + rightSize <= capacity - capacity / 4) {
      Block.copy(rightBlock, 0, leftBlock, leftSize, rightSize);
      store.resize(left, rightSize);
      store.repivot(left, leftSize);
      reassign(left, leftSize, leftSize + rightSize);
      blocks.remove(leftPlace + 1);
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
    store.repivot(left, Math.min(leftSize, leftSize + moved));
    store.repivot(right, 0);
    blocks.refreshFirst(leftPlace + 1);
    blocks.resized(leftPlace, moved);
    blocks.resized(leftPlace + 1, -moved);
  }

  private void reassign(int id, int fromSlot, int toSlot) {
    long[] block = store.block(id);
    for (int slot = fromSlot; slot < toSlot; slot++) {
      ids.setLocation(Block.handle(block, slot), location(id, slot));
    }
  }
}
