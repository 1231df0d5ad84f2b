package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/** A Fenwick (binary indexed) tree over the sizes of the blocks of a {@link BlockSequence}, in order. */
final class Fenwick {
  private int[] tree = new int[1];
  private int length;

  /** O(blockCount); {@code idAt[place]} is the id of the block at that place. */
  void rebuild(int[] idAt, BlockStore store, int blockCount) {
    if (tree.length <= blockCount) {
      tree = new int[Math.max(blockCount + 1, tree.length * 2)];
    }
    length = blockCount;
    Arrays.fill(tree, 0, blockCount + 1, 0);
    for (int i = 1; i <= blockCount; i++) {
      tree[i] += store.size(idAt[i - 1]);
      int parent = i + (i & -i);
      if (parent <= blockCount) {
        tree[parent] += tree[i];
      }
    }
  }

  void add(int blockIndex, int delta) {
    for (int i = blockIndex + 1; i <= length; i += i & -i) {
      tree[i] += delta;
    }
  }

  /** The number of entries in the blocks before {@code blockIndex}. */
  int countBefore(int blockIndex) {
    int sum = 0;
    for (int i = blockIndex; i > 0; i -= i & -i) {
      sum += tree[i];
    }
    return sum;
  }

  /** The index of the block holding the entry at 0-based {@code position}; requires it exists. */
  int blockAt(int position) {
    int index = 0;
    int remaining = position;
    for (int step = Integer.highestOneBit(Math.max(length, 1)); step > 0; step >>= 1) {
      int next = index + step;
      if (next <= length && tree[next] <= remaining) {
        index = next;
        remaining -= tree[next];
      }
    }
    return index;
  }
}
