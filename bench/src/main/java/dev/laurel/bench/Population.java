package dev.laurel.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The same deterministic leaderboard for every benchmark: user ids shaped like UUIDs (36 chars) or
 * short database ids ("user-0001234", 12 chars), integer values from 1 to 1,000,000 (so values tie,
 * as points and streaks do) and instants spread over 30 days. User u's UUID-shaped id can be made
 * again from u alone ({@link #uuid}), as a request handler holds a freshly parsed id string.
 */
record Population(String[] ids, long[] values, long[] reachedAt) {
  static final int PARTICIPANTS = 1_000_000;
  static final long MAX_VALUE = 1_000_000;
  // 2025-03-01T00:00:00Z
  static final long T0 = 1_740_787_200_000L;
  static final long SPAN_MILLIS = 30L * 24 * 3600 * 1000;

  static Population uuids(int count, long seed) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = uuid(i);
    }
    return withValues(ids, new SplittableRandom(seed));
  }

  static String uuid(int user) {
    return new UUID(mix(user), mix(~user)).toString();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  static Population shortIds(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "user-%07d".formatted(i);
    }
    return withValues(ids, random);
  }

  static long randomValue(SplittableRandom random) {
    return 1 + random.nextLong(MAX_VALUE);
  }

  static long randomInstant(SplittableRandom random) {
    return T0 + random.nextLong(SPAN_MILLIS);
  }

  private static Population withValues(String[] ids, SplittableRandom random) {
    long[] values = new long[ids.length];
    long[] reachedAt = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      values[i] = randomValue(random);
      reachedAt[i] = randomInstant(random);
    }
    return new Population(ids, values, reachedAt);
  }
}
