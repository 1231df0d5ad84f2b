package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * Blocks by id, with each block's size, place in the order and pivots; ids of dropped blocks are
 * reused. A block's pivots are the whole parts of its values at every {@code capacity / 8}-th slot,
 * side by side in one cache line, so that a search in a block that is not in cache starts from a
 * range of a few lines instead of a binary search whose first steps each miss the cache.
 */
final class BlockStore {
  static final int MAX_BLOCKS = 1 << 23;
  private static final int PIVOTS = 8;

  private final int capacity;
  private final int stride;
  private long[] pivots = new long[8 * PIVOTS];
  private long[][] blocks = new long[8][];
  private int[] sizes = new int[8];
  private int[] places = new int[8];
  private int[] freeIds = new int[8];
  private int freeCount;
  private int idEnd;

  BlockStore(int capacity) {
    this.capacity = capacity;
    this.stride = (capacity + PIVOTS - 1) / PIVOTS;
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
        pivots = Arrays.copyOf(pivots, 2 * idEnd * PIVOTS);
      }
      id = idEnd++;
    }
    blocks[id] = Block.allocate(capacity);
    sizes[id] = 0;
    return id;
  }

  /** Refreshes the pivots of block {@code id} at slots from {@code fromSlot} on, after they changed. */
  void repivot(int id, int fromSlot) {
    long[] block = blocks[id];
    int size = sizes[id];
    for (int k = Math.max(1, (fromSlot + stride - 1) / stride); k < PIVOTS && k * stride < size; k++) {
      pivots[id * PIVOTS + k] = Block.whole(block, k * stride);
    }
  }

  /**
   * The slots of block {@code id} that an entry with this whole part must be searched among, as
   * {@code low << 32 | high}: every entry before {@code low} has a greater whole part, every entry
   * from {@code high} on a smaller one.
   */
  long searchRange(int id, long whole) {
    int size = sizes[id];
    int low = 0;
    int high = size;
    for (int k = 1; k < PIVOTS && k * stride < size; k++) {
      long pivot = pivots[id * PIVOTS + k];
      if (pivot > whole) {
        low = k * stride + 1;
      } else if (pivot < whole) {
        high = k * stride;
        break;
      }
    }
    return (long) low << 32 | high;
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
    return live * (16 + 24L * capacity) + (16L + 8 * PIVOTS) * blocks.length + 4L * freeIds.length;
  }
}
