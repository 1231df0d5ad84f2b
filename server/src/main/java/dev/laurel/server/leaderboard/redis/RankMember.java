package dev.laurel.server.leaderboard.redis;

import dev.laurel.engine.leaderboard.RankValue;

/**
 * A candidate as a sorted-set member whose byte order is LB-10's total order, so that every member
 * of a board carries the same score (0) and Redis orders them lexicographically, exactly, without
 * floating point: 16 hex digits of {@code Long.MAX_VALUE − whole} (larger values first), 9 hex
 * digits of {@code 9_999_999_999 − fraction}, 16 hex digits of the reach instant with its sign bit
 * flipped (earlier first, also before 1970), then the user id in UTF-8 — the byte order the
 * in-memory index compares ids in (LB-19). Only candidates (value &gt; 0) are encoded.
 */
record RankMember(String userId, RankValue value, long reachedAtMillis) {
  private static final int WHOLE = 16;
  private static final int FRACTION = 9;
  private static final int REACHED = 16;
  static final int HEADER = WHOLE + FRACTION + REACHED;

  String encode() {
    StringBuilder s = new StringBuilder(HEADER + userId.length());
    hex(s, Long.MAX_VALUE - value.whole(), WHOLE);
    hex(s, RankValue.FRACTION_UNITS - 1 - value.fraction(), FRACTION);
    hex(s, reachedAtMillis ^ Long.MIN_VALUE, REACHED);
    return s.append(userId).toString();
  }

  static RankMember decode(String member) {
    long whole = Long.MAX_VALUE - Long.parseUnsignedLong(member, 0, WHOLE, 16);
    long fraction = RankValue.FRACTION_UNITS - 1 - Long.parseUnsignedLong(member, WHOLE, WHOLE + FRACTION, 16);
    long reachedAt = Long.parseUnsignedLong(member, WHOLE + FRACTION, HEADER, 16) ^ Long.MIN_VALUE;
    return new RankMember(member.substring(HEADER), new RankValue(whole, fraction), reachedAt);
  }

  /** The value encoded by a member, without its user id. */
  static RankValue valueOf(String member) {
    return decode(member).value();
  }

  private static void hex(StringBuilder s, long bits, int width) {
    String digits = Long.toHexString(bits);
    s.repeat('0', width - digits.length()).append(digits);
  }
}
