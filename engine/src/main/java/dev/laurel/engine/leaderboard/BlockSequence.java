package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * Entries in LB-10 order, cut into {@link Block}s of at most {@code capacity} entries, with a
 * {@link Fenwick} tree over block sizes and, per handle, the block that holds it.
 *
 * <p>Finding a key is a binary search over the blocks' first entries, then inside one block; the
 * position of a handle is the Fenwick prefix of its block plus its slot, found by a scan of the
 * block's handles. A full block splits in two halves; a block under a quarter full merges with a
 * neighbour (or, if both would not fit in three quarters of a block, shares entries evenly with
 * it), so every block but a lone one stays at least a quarter full and structural changes, which
 * cost O(blockCount), happen at most once per capacity/4 updates of a block.
 */
final class BlockSequence {
  private final int capacity;
  private final EntryOrder order;
  private final Fenwick fenwick = new Fenwick();
  private Block[] blocks = new Block[8];
  private int blockCount;
  private Block[] blockOf = new Block[0];
  private int size;

  BlockSequence(int capacity, EntryOrder order) {
    if (capacity < 4) {
      throw new IllegalArgumentException("block capacity must be at least 4, got " + capacity);
    }
    this.capacity = capacity;
    this.order = order;
  }

  int size() {
    return size;
  }

  boolean contains(int handle) {
    return handle < blockOf.length && blockOf[handle] != null;
  }

  Block blockOf(int handle) {
    return blockOf[handle];
  }

  Block block(int index) {
    return blocks[index];
  }

  int position(int handle) {
    Block block = blockOf[handle];
    return fenwick.countBefore(block.index) + block.slotOf(handle);
  }

  /** The index of the block holding {@code position}; {@code position - firstPosition(i)} is its slot. */
  int blockAt(int position) {
    return fenwick.blockAt(position);
  }

  int firstPosition(int blockIndex) {
    return fenwick.countBefore(blockIndex);
  }

  void insert(int handle, long whole, long fraction, long reachedAt) {
    if (handle >= blockOf.length) {
      blockOf = Arrays.copyOf(blockOf, Math.max(handle + 1, blockOf.length + (blockOf.length >> 1)));
    }
    if (blockCount == 0) {
      insertBlock(0, new Block(capacity));
    }
    Block block = blocks[blockFor(whole, fraction, reachedAt, handle)];
    int slot = block.countBefore(order, whole, fraction, reachedAt, handle);
    if (block.isFull()) {
      Block right = split(block);
      if (slot > block.size) {
        slot -= block.size;
        block = right;
      }
    }
    block.insertAt(slot, whole, fraction, reachedAt, handle);
    blockOf[handle] = block;
    fenwick.add(block.index, 1);
    size++;
  }

  void remove(int handle) {
    Block block = blockOf[handle];
    block.removeAt(block.slotOf(handle));
    blockOf[handle] = null;
    fenwick.add(block.index, -1);
    size--;
    if (block.size == 0) {
      removeBlock(block.index);
    } else if (block.size < capacity / 4 && blockCount > 1) {
      int left = block.index + 1 < blockCount ? block.index : block.index - 1;
      rebalance(blocks[left], blocks[left + 1]);
    }
  }

  /** Replaces the content with {@code count} entries already in LB-10 order. */
  void load(Columns sorted, int count, int handleEnd) {
    clear();
    blockOf = new Block[handleEnd];
    int perBlock = Math.max(1, capacity - capacity / 8);
    blocks = new Block[Math.max(8, count / perBlock + 2)];
    for (int i = 0; i < count; i++) {
      if (i % perBlock == 0) {
        Block block = new Block(capacity);
        block.index = blockCount;
        blocks[blockCount++] = block;
      }
      Block block = blocks[blockCount - 1];
      int handle = sorted.handles()[i];
      block.append(sorted.whole()[i], sorted.fraction()[i], sorted.reachedAt()[i], handle);
      blockOf[handle] = block;
    }
    size = count;
    fenwick.rebuild(blocks, blockCount);
  }

  void clear() {
    blocks = new Block[8];
    blockCount = 0;
    blockOf = new Block[0];
    size = 0;
    fenwick.rebuild(blocks, 0);
  }

  long footprintBytes() {
    long perBlock = 40 + 4L * 16 + (long) capacity * (3 * 8 + 4);
    return perBlock * blockCount + 4L * blocks.length + 4L * blockOf.length + 4L * (blockCount + 1);
  }

  private int blockFor(long whole, long fraction, long reachedAt, int handle) {
    int low = 0;
    int high = blockCount - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (blocks[mid].compareToFirst(order, whole, fraction, reachedAt, handle) > 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private Block split(Block block) {
    Block right = new Block(capacity);
    block.moveTailTo(right, block.size / 2);
    for (int slot = 0; slot < right.size; slot++) {
      blockOf[right.handles[slot]] = right;
    }
    insertBlock(block.index + 1, right);
    return right;
  }

  private void rebalance(Block left, Block right) {
    int total = left.size + right.size;
    if (total <= capacity - capacity / 4) {
      reassign(right, 0, right.size, left);
      right.moveHeadTo(left, right.size);
      removeBlock(right.index);
      return;
    }
    int moved = total / 2 - left.size;
    if (moved > 0) {
      reassign(right, 0, moved, left);
      right.moveHeadTo(left, moved);
    } else {
      reassign(left, left.size + moved, left.size, right);
      left.moveTailTo(right, left.size + moved);
    }
    fenwick.add(left.index, moved);
    fenwick.add(right.index, -moved);
  }

  private void reassign(Block source, int from, int to, Block target) {
    for (int slot = from; slot < to; slot++) {
      blockOf[source.handles[slot]] = target;
    }
  }

  private void insertBlock(int index, Block block) {
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, blocks.length * 2);
    }
    System.arraycopy(blocks, index, blocks, index + 1, blockCount - index);
    blocks[index] = block;
    blockCount++;
    renumberFrom(index);
  }

  private void removeBlock(int index) {
    System.arraycopy(blocks, index + 1, blocks, index, blockCount - index - 1);
    blocks[--blockCount] = null;
    renumberFrom(index);
  }

  private void renumberFrom(int index) {
    for (int i = index; i < blockCount; i++) {
      blocks[i].index = i;
    }
    fenwick.rebuild(blocks, blockCount);
  }
}
