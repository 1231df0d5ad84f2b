package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * Blocks by id, with each block's size, place in the order and whether its entries are in rank
 * order; ids of dropped blocks are reused.
 */
final class BlockStore {
  static final int MAX_BLOCKS = 1 << 23;

  private final int capacity;
  private long[][] blocks = new long[8][];
  private int[] sizes = new int[8];
  private int[] places = new int[8];
  private boolean[] sorted = new boolean[8];
  private int[] freeIds = new int[8];
  private int freeCount;
  private int idEnd;

  BlockStore(int capacity) {
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  long[] block(int id) {
    return blocks[id];
  }

  int size(int id) {
    return sizes[id];
  }

  void resize(int id, int delta) {
    sizes[id] += delta;
  }

  int place(int id) {
    return places[id];
  }

  void setPlace(int id, int place) {
    places[id] = place;
  }

  int allocate() {
    int id;
    if (freeCount > 0) {
      id = freeIds[--freeCount];
    } else {
      if (idEnd == MAX_BLOCKS) {
        throw new IllegalStateException("a rank index holds at most " + MAX_BLOCKS + " blocks");
      }
      if (idEnd == blocks.length) {
        blocks = Arrays.copyOf(blocks, 2 * idEnd);
        sizes = Arrays.copyOf(sizes, 2 * idEnd);
        places = Arrays.copyOf(places, 2 * idEnd);
        sorted = Arrays.copyOf(sorted, 2 * idEnd);
      }
      id = idEnd++;
    }
    blocks[id] = Block.allocate(capacity);
    sizes[id] = 0;
    sorted[id] = true;
    return id;
  }

  /** Whether the block's entries are in rank order (set by whoever sorts or fills it so). */
  boolean isSorted(int id) {
    return sorted[id];
  }

  void setSorted(int id, boolean inOrder) {
    sorted[id] = inOrder;
  }

  void release(int id) {
    blocks[id] = null;
    if (freeCount == freeIds.length) {
      freeIds = Arrays.copyOf(freeIds, 2 * freeCount);
    }
    freeIds[freeCount++] = id;
  }

  long footprintBytes() {
    long live = idEnd - freeCount;
    return live * (16 + 24L * capacity) + 17L * blocks.length + 4L * freeIds.length;
  }
}
