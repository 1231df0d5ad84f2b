package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * Builds a {@link RankIndex} from entries in any order, as when rebuilding rankings from the store
 * at start: ids are interned as they come, then one merge sort orders the entries and the blocks
 * are filled to 7/8 of their capacity. A later entry for the same user replaces the earlier one; a
 * value ≤ 0 drops the user. Single use.
 */
public final class RankIndexLoader {
  private final int blockCapacity;
  private UserIds ids;
  private long[] whole;
  private long[] fraction;
  private long[] reachedAt;

  RankIndexLoader(int expectedEntries, int blockCapacity) {
    this.blockCapacity = blockCapacity;
    int capacity = Math.max(expectedEntries, 8);
    ids = new UserIds(expectedEntries);
    whole = new long[capacity];
    fraction = new long[capacity];
    reachedAt = new long[capacity];
  }

  public RankIndexLoader add(String userId, long whole, long fraction, long reachedAtMillis) {
    checkNotBuilt();
    RankValue.checkFraction(fraction);
    if (!RankValue.isPositive(whole, fraction)) {
      int handle = ids.handleOf(userId);
      if (handle >= 0) {
        ids.release(handle);
      }
      return this;
    }
    int handle = ids.intern(userId);
    if (handle >= this.whole.length) {
      int capacity = Math.max(handle + 1, this.whole.length + (this.whole.length >> 1));
      this.whole = Arrays.copyOf(this.whole, capacity);
      this.fraction = Arrays.copyOf(this.fraction, capacity);
      this.reachedAt = Arrays.copyOf(this.reachedAt, capacity);
    }
    this.whole[handle] = whole;
    this.fraction[handle] = fraction;
    this.reachedAt[handle] = reachedAtMillis;
    return this;
  }

  public RankIndexLoader add(String userId, RankValue value, long reachedAtMillis) {
    return add(userId, value.whole(), value.fraction(), reachedAtMillis);
  }

  public RankIndex build() {
    checkNotBuilt();
    Columns columns = Columns.allocate(ids.size());
    int count = 0;
    for (int handle = 0; handle < ids.handleEnd(); handle++) {
      if (ids.isLive(handle)) {
        columns.set(count++, whole[handle], fraction[handle], reachedAt[handle], handle);
      }
    }
    whole = fraction = reachedAt = null;
    ids.trimToSize();
    EntrySort.sort(columns, count, new EntryOrder(ids));
    RankIndex index = new RankIndex(ids, blockCapacity);
    index.load(columns, count);
    ids = null;
    return index;
  }

  private void checkNotBuilt() {
    if (ids == null) {
      throw new IllegalStateException("this loader has already built its index");
    }
  }
}
