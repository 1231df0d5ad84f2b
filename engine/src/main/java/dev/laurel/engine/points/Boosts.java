package dev.laurel.engine.points;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** BOOST-5..BOOST-7: stacking and rounding, in exact decimal arithmetic. */
public final class Boosts {
  private Boosts() {}

  /**
   * The boosted amount of a positive base: base × m₁ × m₂ × … computed exactly, rounded once. With
   * boosts of different rounding modes, {@code down} is used.
   */
  public static BigInteger apply(BigInteger base, List<Boost> boosts) {
    if (boosts.isEmpty() || base.signum() <= 0) {
      return base;
    }
    BigDecimal product = new BigDecimal(base);
    Boost.Rounding rounding = boosts.get(0).rounding();
    for (Boost b : boosts) {
      product = product.multiply(b.multiplier());
      if (b.rounding() != rounding) {
        rounding = Boost.Rounding.DOWN;
      }
    }
    return product.setScale(0, rounding.mode()).toBigIntegerExact();
  }
}
