package dev.laurel.engine.leaderboard;

/**
 * Entries in LB-10 order, cut into {@link Block}s of at most {@code capacity} entries, each with a
 * stable id in a {@link BlockStore} and a place in a {@link BlockOrder}. Every entry of a block
 * ranks after every entry of the blocks before it and before every entry of the blocks after it,
 * but inside a block the entries are kept in whatever order the updates left them, until a read
 * needs them in order. Each handle's location is kept beside its user id ({@link
 * UserIds#location}): its block id and its exact slot.
 *
 * <p>So an update touches few cache lines: an entry leaves its block by moving the block's last
 * entry into its slot, and joins its new block (found by a binary search over the blocks' first
 * entries, which stay in cache) at the end; no entries shift. The position of an entry is the
 * number of entries before its block plus, in a sorted block, its slot, or else the number of the
 * block's entries that rank before it (one pass over its whole parts). Reading entries in order
 * ({@link #visit}) first sorts the blocks it reads that updates left out of order.
 *
 * <p>A full block is sorted and splits in two halves; a block under a quarter full merges with a
 * neighbour (or, if both would not fit in three quarters of a block, shares entries evenly with
 * it), so every block but a lone one stays at least a quarter full, and the structural changes,
 * which cost O(blockCount), happen at most once per capacity/4 updates of a block.
 */
final class BlockSequence {
  private static final int SLOT_BITS = 8;
  private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

  private final int capacity;
  private final UserIds ids;
  private final EntryOrder order;
  private final Columns scratch;
  private final Columns sortSpace;
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
    this.scratch = Columns.allocate(capacity);
    this.sortSpace = Columns.allocate(capacity);
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
    int slot = location & SLOT_MASK;
    int before = blocks.countBefore(store.place(id));
    if (store.isSorted(id)) {
      return before + slot;
    }
    long[] block = store.block(id);
    return before + Block.countBefore(block, capacity, store.size(id), order, Block.whole(block, slot),
        Block.fraction(block, capacity, slot), Block.reachedAt(block, capacity, slot), handle);
  }

  /** Visits the {@code count} entries from 0-based {@code from}; they must exist. */
  void visit(int from, int count, EntryVisitor visitor) {
    int place = blocks.placeOf(from);
    int slot = from - blocks.countBefore(place);
    int id = blocks.idAt(place);
    long[] block = sorted(id);
    for (int position = from; position < from + count; position++, slot++) {
      if (slot == store.size(id)) {
        id = blocks.idAt(++place);
        block = sorted(id);
        slot = 0;
      }
      visitor.visit(
          Block.handle(block, capacity, slot),
          Block.whole(block, slot),
          Block.fraction(block, capacity, slot),
          Block.reachedAt(block, capacity, slot),
          position);
    }
  }

  void insert(int handle, long whole, long fraction, long reachedAt) {
    if (blocks.count() == 0) {
      blocks.insert(0, store.allocate());
    }
    int place = blocks.placeFor(whole, fraction, reachedAt, handle);
    int id = blocks.idAt(place);
    if (store.size(id) == capacity) {
      int right = split(place);
      if (!blocks.beforeFirst(place + 1, whole, fraction, reachedAt, handle)) {
        id = right;
        place++;
      }
    }
    long[] block = store.block(id);
    int slot = store.size(id);
    if (slot > 0 && store.isSorted(id) && !Block.before(block, capacity, slot - 1, order, whole, fraction, reachedAt, handle)) {
      store.setSorted(id, false);
    }
    Block.set(block, capacity, slot, whole, fraction, reachedAt, handle);
    store.resize(id, 1);
    ids.setLocation(handle, location(id, slot));
    if (slot == 0 || blocks.beforeFirst(place, whole, fraction, reachedAt, handle)) {
      blocks.setFirst(place, whole, fraction, reachedAt, handle);
    }
    blocks.resized(place, 1);
    size++;
  }

  /**
   * Moves a present handle to a new key. When the key stays in the same block, the entry changes in
   * its slot and no count changes.
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
    int slot = location & SLOT_MASK;
    long[] block = store.block(id);
    Block.set(block, capacity, slot, whole, fraction, reachedAt, handle);
    if (store.isSorted(id) && !inPlace(id, block, slot, whole, fraction, reachedAt, handle)) {
      store.setSorted(id, false);
    }
    if (blocks.firstHandle(place) == handle) {
      blocks.refreshFirst(place);
    } else if (blocks.beforeFirst(place, whole, fraction, reachedAt, handle)) {
      blocks.setFirst(place, whole, fraction, reachedAt, handle);
    }
  }

  void remove(int handle) {
    int location = ids.location(handle);
    int id = location >>> SLOT_BITS;
    int slot = location & SLOT_MASK;
    int place = store.place(id);
    long[] block = store.block(id);
    int last = store.size(id) - 1;
    if (slot != last) {
      Block.copyEntry(block, capacity, last, slot);
      ids.setLocation(Block.handle(block, capacity, slot), location(id, slot));
      store.setSorted(id, false);
    }
    store.resize(id, -1);
    ids.setLocation(handle, UserIds.NO_LOCATION);
    blocks.resized(place, -1);
    size--;
    if (last == 0) {
      blocks.remove(place);
      return;
    }
    if (blocks.firstHandle(place) == handle) {
      blocks.refreshFirst(place);
    }
    if (last < capacity / 4 && blocks.count() > 1) {
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
        Block.set(block, capacity, slot, sorted.whole()[i], sorted.fraction()[i], sorted.reachedAt()[i], handle);
        ids.setLocation(handle, location(id, slot));
      }
      store.resize(id, filled);
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
        Block.setHandle(block, capacity, slot, newHandles[Block.handle(block, capacity, slot)]);
      }
    }
    blocks.renumber(newHandles);
  }

  private void reset(int expectedBlocks) {
    store = new BlockStore(capacity);
    blocks = new BlockOrder(store, order, expectedBlocks);
    size = 0;
  }

  private static int location(int id, int slot) {
    return id << SLOT_BITS | slot;
  }

  /** Whether the entry just written at {@code slot} of a sorted block is still between its neighbours. */
  private boolean inPlace(int id, long[] block, int slot, long w, long f, long t, int handle) {
    return (slot == 0 || Block.before(block, capacity, slot - 1, order, w, f, t, handle))
        && (slot == store.size(id) - 1 || !Block.before(block, capacity, slot + 1, order, w, f, t, handle));
  }

  /** The block {@code id}, its entries put in rank order first if they are not. */
  private long[] sorted(int id) {
    long[] block = store.block(id);
    if (store.isSorted(id)) {
      return block;
    }
    int count = store.size(id);
    for (int slot = 0; slot < count; slot++) {
      scratch.set(slot, Block.whole(block, slot), Block.fraction(block, capacity, slot),
          Block.reachedAt(block, capacity, slot), Block.handle(block, capacity, slot));
    }
    EntrySort.sort(scratch, count, order, sortSpace);
    for (int slot = 0; slot < count; slot++) {
      int handle = scratch.handles()[slot];
      if (Block.handle(block, capacity, slot) != handle) {
        Block.set(block, capacity, slot, scratch.whole()[slot], scratch.fraction()[slot], scratch.reachedAt()[slot], handle);
        ids.setLocation(handle, location(id, slot));
      }
    }
    store.setSorted(id, true);
    return block;
  }

  /** Sorts the block at {@code place} and moves its upper half to a new block after it; returns its id. */
  private int split(int place) {
    int id = blocks.idAt(place);
    long[] block = sorted(id);
    int right = store.allocate();
    int kept = store.size(id) / 2;
    int moved = store.size(id) - kept;
    Block.copy(block, kept, store.block(right), 0, moved, capacity);
    store.resize(id, -moved);
    store.resize(right, moved);
    reassign(right, 0, moved);
    blocks.insert(place + 1, right);
    return right;
  }

  private void rebalance(int leftPlace) {
    int left = blocks.idAt(leftPlace);
    int right = blocks.idAt(leftPlace + 1);
    int leftSize = store.size(left);
    int rightSize = store.size(right);
    long[] leftBlock = sorted(left);
    long[] rightBlock = sorted(right);
    if (leftSize + rightSize <= capacity - capacity / 4) {
      Block.copy(rightBlock, 0, leftBlock, leftSize, rightSize, capacity);
      store.resize(left, rightSize);
      reassign(left, leftSize, leftSize + rightSize);
      blocks.remove(leftPlace + 1); // the left block's first entry stays first
      return;
    }
    int moved = (leftSize + rightSize) / 2 - leftSize;
    if (moved > 0) {
      Block.copy(rightBlock, 0, leftBlock, leftSize, moved, capacity);
      Block.copy(rightBlock, moved, rightBlock, 0, rightSize - moved, capacity);
      reassign(left, leftSize, leftSize + moved);
      reassign(right, 0, rightSize - moved);
    } else {
      Block.copy(rightBlock, 0, rightBlock, -moved, rightSize, capacity);
      Block.copy(leftBlock, leftSize + moved, rightBlock, 0, -moved, capacity);
      reassign(right, 0, rightSize - moved);
    }
    store.resize(left, moved);
    store.resize(right, -moved);
    blocks.refreshFirst(leftPlace + 1); // the left block's first entry stays first
    blocks.resized(leftPlace, moved);
    blocks.resized(leftPlace + 1, -moved);
  }

  private void reassign(int id, int fromSlot, int toSlot) {
    long[] block = store.block(id);
    for (int slot = fromSlot; slot < toSlot; slot++) {
      ids.setLocation(Block.handle(block, capacity, slot), location(id, slot));
    }
  }
}
