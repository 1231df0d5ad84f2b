package dev.laurel.engine.leaderboard;

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
    ids = new UserIds(expectedEntries);
    ids.onRenumbering(this::renumber);
    int capacity = ids.handleEnd();
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

  private void renumber(int[] newHandles) {
    long[] oldWhole = whole;
    long[] oldFraction = fraction;
    long[] oldReachedAt = reachedAt;
    whole = new long[ids.handleEnd()];
    fraction = new long[ids.handleEnd()];
    reachedAt = new long[ids.handleEnd()];
    for (int handle = 0; handle < newHandles.length; handle++) {
      int renumbered = newHandles[handle];
      if (renumbered >= 0) {
        whole[renumbered] = oldWhole[handle];
        fraction[renumbered] = oldFraction[handle];
        reachedAt[renumbered] = oldReachedAt[handle];
      }
    }
  }

  private void checkNotBuilt() {
    if (ids == null) {
      throw new IllegalStateException("this loader has already built its index");
    }
  }
}
