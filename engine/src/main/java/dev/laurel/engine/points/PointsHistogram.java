package dev.laurel.engine.points;

import java.util.ArrayList;
import java.util.List;

/**
 * PTS-12: eleven ranges of totals — {@code [0, 0]}, then ten equal ranges up to U, the smallest
 * power of ten (at least 10) not below the greatest total — with the number of users in each.
 */
public final class PointsHistogram {
  private PointsHistogram() {}

  /** One range, bounds inclusive. */
  public record Range(long from, long to, long users) {}

  public static List<Range> of(long[] totals) {
    long greatest = 0;
    for (long t : totals) {
      greatest = Math.max(greatest, t);
    }
    long upper = 10;
    while (upper < greatest && upper <= Long.MAX_VALUE / 10) {
      upper *= 10;
    }
    long step = upper / 10;
    long[] counts = new long[11];
    for (long t : totals) {
      counts[t <= 0 ? 0 : (int) Math.min(10, (t - 1) / step + 1)]++;
    }
    List<Range> out = new ArrayList<>(11);
    out.add(new Range(0, 0, counts[0]));
    for (int i = 1; i <= 10; i++) {
      out.add(new Range((i - 1) * step + 1, i * step, counts[i]));
    }
    return out;
  }
}
