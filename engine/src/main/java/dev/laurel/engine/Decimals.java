package dev.laurel.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact decimal handling for metric values and totals (METRIC-6, GEN-8). */
public final class Decimals {
  /** Values are kept exactly up to this many fractional digits. */
  public static final int SCALE = 10;

  /** Largest accepted magnitude of one event value (EVENT-2). */
  public static final BigDecimal MAX_EVENT_VALUE = new BigDecimal("1e12");

  private Decimals() {}

  /** Rounds half-even to {@link #SCALE} digits and strips trailing zeros; zero is {@code 0}. */
  public static BigDecimal normalize(BigDecimal value) {
    BigDecimal rounded = value.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
  }

  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return normalize(a.add(b));
  }

  /** Shortest plain decimal text: {@code 750}, {@code 2.5}, never exponent notation. */
  public static String format(BigDecimal value) {
    return normalize(value).toPlainString();
  }
}
