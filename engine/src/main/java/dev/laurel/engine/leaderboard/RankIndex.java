package dev.laurel.engine.leaderboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The candidates of one leaderboard run and group (LB-10) in rank order, in memory: an
 * order-statistic structure for updates, ranks and pages. Not thread-safe: the caller serialises
 * access.
 *
 * <h2>Layout</h2>
 *
 * There is no object per entry. Per user:
 *
 * <ul>
 *   <li>its id once, as length-prefixed UTF-8 in a byte array ({@link IdBytes});
 *   <li>a slot of an open-addressing hash table ({@link UserIds}), whose number is the user's
 *       int handle: three ints side by side, the id's hash, where its bytes start and where its
 *       entry is (block id and exact slot). Looking a user up reads one table line, then the id's
 *       bytes and the entry's slot, not a chain of three or four dependent cache misses;
 *   <li>its entry, 24 bytes inline in a block: value's whole part, {@code fraction << 30 | handle},
 *       reached-at instant ({@link Block}, one {@code long[]} per block of up to {@value
 *       #BLOCK_CAPACITY} entries).
 * </ul>
 *
 * Blocks are kept in order with their first entries in flat arrays and a Fenwick tree over their
 * sizes ({@link BlockSequence}); inside a block, entries stay where updates put them until a read
 * in order sorts the block. About 24 bytes per entry in blocks at 7/8 fill after a bulk load
 * (at least a quarter full always), 16–32 for the hash table (at most 3/4 full, so 1.33 to 2.67
 * slots of 12 bytes per user; 25 at 1,000,000 users), and the id's UTF-8 bytes plus one: about 90
 * bytes per entry for 36-character ids at 1,000,000 users.
 *
 * <h2>Costs</h2>
 *
 * With n entries and block capacity B (a constant): {@link #set} and {@link #remove} cost O(log n)
 * (a binary search over the blocks' first entries, Fenwick updates; the entry leaves its block by
 * taking the block's last entry into its slot and joins the new one at the end, so nothing shifts
 * and few cache lines are touched), plus O(B) when the block's first entry leaves it, and an
 * amortised O(n / B²) for the occasional split or merge (each sorts its blocks first) that
 * renumbers the blocks; a move that stays inside its block rewrites the entry in its slot. {@link
 * #rank} is O(log n) in a block in order and O(log n + B) in one that updates left out of order
 * (one pass over its whole parts); {@link #range}, {@link #around} and {@link #entryOf} add O(k) for
 * k entries and O(B log B) for each block they sort. Looking up an id is expected O(1) plus its length. {@link
 * RankIndexLoader} builds an index from unsorted entries with one O(n log n) sort. At most 3 × 2^27
 * users (the table's 2^29 slots at 3/4) and 2^23 blocks per index.
 * Measurements: docs/PERFORMANCE.md.
 *
 * <p>Ranks here are among all candidates; the caller applies {@code maxParticipants} (a rank above
 * it is no rank) or uses {@link #threshold}.
 */
public final class RankIndex {
  static final int BLOCK_CAPACITY = 256;

  private final UserIds ids;
  private final BlockSequence entries;

  public RankIndex() {
    this(BLOCK_CAPACITY);
  }

  RankIndex(int blockCapacity) {
    this(new UserIds(0), blockCapacity);
  }

  RankIndex(UserIds ids, int blockCapacity) {
    this.ids = ids;
    this.entries = new BlockSequence(blockCapacity, ids);
  }

  public static RankIndexLoader loader(int expectedEntries) {
    return new RankIndexLoader(expectedEntries, BLOCK_CAPACITY);
  }

  static RankIndexLoader loader(int expectedEntries, int blockCapacity) {
    return new RankIndexLoader(expectedEntries, blockCapacity);
  }

  /**
   * Inserts or moves {@code userId} to the given value, first reached at {@code reachedAtMillis}.
   * A value ≤ 0 removes the user (LB-10: only values > 0 are candidates).
   *
   * @param fraction the fractional part in units of 10^-10, 0 to 9_999_999_999
   */
  public void set(String userId, long whole, long fraction, long reachedAtMillis) {
    RankValue.checkFraction(fraction);
    if (!RankValue.isPositive(whole, fraction)) {
      remove(userId);
      return;
    }
    int handle = ids.intern(userId);
    if (entries.contains(handle)) {
      entries.move(handle, whole, fraction, reachedAtMillis);
    } else {
      entries.insert(handle, whole, fraction, reachedAtMillis);
    }
  }

  public void set(String userId, RankValue value, long reachedAtMillis) {
    set(userId, value.whole(), value.fraction(), reachedAtMillis);
  }

  /** Removes {@code userId}; returns whether it was a candidate. */
  public boolean remove(String userId) {
    int handle = ids.handleOf(userId);
    if (handle < 0) {
      return false;
    }
    entries.remove(handle);
    ids.release(handle);
    return true;
  }

  /** The 1-based ordinal rank of {@code userId} among all candidates, or 0 if it is none. */
  public int rank(String userId) {
    int handle = ids.handleOf(userId);
    return handle < 0 ? 0 : entries.position(handle) + 1;
  }

  public Optional<RankEntry> entryOf(String userId) {
    int handle = ids.handleOf(userId);
    if (handle < 0) {
      return Optional.empty();
    }
    return Optional.of(page(entries.position(handle), 1).getFirst());
  }

  /** The entries at 0-based positions {@code offset … offset + limit - 1}, fewer at the end. */
  public List<RankEntry> range(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException(
          "offset and limit must be ≥ 0, got offset " + offset + " and limit " + limit);
    }
    return page(offset, (int) Math.min(limit, Math.max(0L, (long) size() - offset)));
  }

  /**
   * The page positioned on {@code userId} as LB-29 does: if the user is at 0-based position p, the
   * entries at {@code max(0, p - above) … max(0, p - above) + limit - 1}; empty if it is no
   * candidate.
   */
  public List<RankEntry> around(String userId, int above, int limit) {
    if (above < 0) {
      throw new IllegalArgumentException("above must be ≥ 0, got " + above);
    }
    int rank = rank(userId);
    return rank == 0 ? List.of() : range(Math.max(0, rank - 1 - above), limit);
  }

  /** The value of the candidate at 1-based {@code rank}, if there is one. */
  public Optional<RankValue> valueAtRank(int rank) {
    if (rank < 1 || rank > size()) {
      return Optional.empty();
    }
    return Optional.of(page(rank - 1, 1).getFirst().value());
  }

  /**
   * LB-12's threshold before truncation: the value of the last participant when the board holds
   * {@code maxParticipants} participants, else zero. The reported threshold is its {@link
   * RankValue#reported()}.
   */
  public RankValue threshold(int maxParticipants) {
    if (maxParticipants < 1 || size() < maxParticipants) {
      return RankValue.ZERO;
    }
    return valueAtRank(maxParticipants).orElseThrow();
  }

  public int size() {
    return entries.size();
  }

  public void clear() {
    ids.clear();
    entries.clear();
  }

  /** An estimate of the heap held by this index, from its array sizes. */
  public long footprintBytes() {
    return ids.footprintBytes() + entries.footprintBytes();
  }

  void load(Columns sorted, int count) {
    entries.load(sorted, count);
  }

  private List<RankEntry> page(int from, int count) {
    List<RankEntry> page = new ArrayList<>(count);
    if (count > 0) {
      entries.visit(from, count, (handle, whole, fraction, reachedAt, position) ->
          page.add(new RankEntry(ids.userId(handle), new RankValue(whole, fraction), reachedAt, position + 1)));
    }
    return page;
  }
}
