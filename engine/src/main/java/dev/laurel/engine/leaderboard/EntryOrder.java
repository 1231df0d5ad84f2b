package dev.laurel.engine.leaderboard;

/**
 * LB-10's total order on candidates: value descending, then the instant the value was reached
 * ascending, then user id ascending in Unicode code point order (unsigned UTF-8 bytes; this is
 * {@link String#compareTo} order unless ids hold characters beyond U+FFFF, and it is the order in
 * which Redis sorts sorted-set members of equal score).
 */
final class EntryOrder {
  private final UserIds ids;

  EntryOrder(UserIds ids) {
    this.ids = ids;
  }

  /** Negative when entry 1 ranks before entry 2. */
  int compare(
      long whole1, long fraction1, long reachedAt1, int handle1,
      long whole2, long fraction2, long reachedAt2, int handle2) {
    if (whole1 != whole2) {
      return whole1 > whole2 ? -1 : 1;
    }
    if (fraction1 != fraction2) {
      return fraction1 > fraction2 ? -1 : 1;
    }
    if (reachedAt1 != reachedAt2) {
      return reachedAt1 < reachedAt2 ? -1 : 1;
    }
    return ids.compare(handle1, handle2);
  }
}
