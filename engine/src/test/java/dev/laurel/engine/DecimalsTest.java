package dev.laurel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {
  @Test
  void metric6_sums_are_exact_where_binary_floating_point_is_not() {
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < 10; i++) {
      total = Decimals.add(total, new BigDecimal("0.1"));
    }
    assertThat(total).isEqualByComparingTo("1");
    assertThat(Decimals.format(total)).isEqualTo("1");
  }

  @Test
  void metric6_values_are_rounded_half_even_to_ten_fractional_digits() {
    assertThat(Decimals.normalize(new BigDecimal("0.00000000005"))).isEqualByComparingTo("0");
    assertThat(Decimals.normalize(new BigDecimal("0.00000000015"))).isEqualByComparingTo("0.0000000002");
    assertThat(Decimals.normalize(new BigDecimal("1.23456789012345"))).isEqualByComparingTo("1.2345678901");
  }

  @Test
  void gen8_integers_have_no_fraction_and_no_exponent() {
    assertThat(Decimals.format(new BigDecimal("750.000"))).isEqualTo("750");
    assertThat(Decimals.format(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Decimals.format(new BigDecimal("2.50"))).isEqualTo("2.5");
    assertThat(Decimals.format(new BigDecimal("-0.0"))).isEqualTo("0");
  }
}
