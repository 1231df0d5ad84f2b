package dev.laurel.engine.leaderboard;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact leaderboard value (LB-9) as {@code whole + fraction / 10^10}: {@code whole} is the floor
 * of the value and {@code fraction} the remainder in units of 10^-10, so that comparing the two
 * longs lexicographically compares the values exactly. Metric totals carry at most 10 fractional
 * digits; points and streak lengths are integers ({@code fraction == 0}).
 */
public record RankValue(long whole, long fraction) implements Comparable<RankValue> {
  public static final long FRACTION_UNITS = 10_000_000_000L;
  public static final int SCALE = 10;
  public static final RankValue ZERO = new RankValue(0, 0);

  private static final BigInteger UNITS = BigInteger.valueOf(FRACTION_UNITS);

  public RankValue {
    checkFraction(fraction);
  }

  public static RankValue of(long value) {
    return new RankValue(value, 0);
  }

  /**
   * @throws IllegalArgumentException if {@code value} has more than 10 fractional digits that are
   *     not zero, or its integer part does not fit in a long
   */
  public static RankValue of(BigDecimal value) {
    if (value.scale() == 0 && value.precision() < 19) { // an integer that fits a long: most values
      return new RankValue(value.longValue(), 0);
    }
    BigInteger units;
    try {
      units = value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "value must have at most " + SCALE + " fractional digits, got " + value, e);
    }
    BigInteger[] wholeAndFraction = units.divideAndRemainder(UNITS);
    BigInteger whole = wholeAndFraction[0];
    BigInteger fraction = wholeAndFraction[1];
    if (fraction.signum() < 0) {
      whole = whole.subtract(BigInteger.ONE);
      fraction = fraction.add(UNITS);
    }
    if (whole.bitLength() > 63) {
      throw new IllegalArgumentException("value must fit in a long integer part, got " + value);
    }
    return new RankValue(whole.longValue(), fraction.longValue());
  }

  /** True when the value makes a user a candidate (LB-10: value greater than 0). */
  public static boolean isPositive(long whole, long fraction) {
    return whole > 0 || (whole == 0 && fraction > 0);
  }

  public boolean isPositive() {
    return isPositive(whole, fraction);
  }

  /** The reported value (LB-11): the exact value truncated toward zero. */
  public long reported() {
    return whole < 0 && fraction > 0 ? whole + 1 : whole;
  }

  public BigDecimal toBigDecimal() {
    BigInteger units = BigInteger.valueOf(whole).multiply(UNITS).add(BigInteger.valueOf(fraction));
    BigDecimal exact = new BigDecimal(units, SCALE).stripTrailingZeros();
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }

  @Override
  public int compareTo(RankValue other) {
    int byWhole = Long.compare(whole, other.whole);
    return byWhole != 0 ? byWhole : Long.compare(fraction, other.fraction);
  }

  static void checkFraction(long fraction) {
    if (fraction < 0 || fraction >= FRACTION_UNITS) {
      throw new IllegalArgumentException(
          "fraction must be in units of 1e-10 between 0 and 9999999999, got " + fraction);
    }
  }
}
