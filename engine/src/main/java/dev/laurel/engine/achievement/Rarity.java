package dev.laurel.engine.achievement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** ACH-13: the share of the scope's users who completed an achievement. */
public final class Rarity {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Rarity() {}

  /** {@code 100 × completions / users} rounded half-up to 2 decimals; 0 when there are no users. */
  public static BigDecimal of(long completions, long users) {
    if (users <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal r =
        HUNDRED
            .multiply(BigDecimal.valueOf(completions))
            .divide(BigDecimal.valueOf(users), 2, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    return r.signum() == 0 ? BigDecimal.ZERO : r;
  }
}
