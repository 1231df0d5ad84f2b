package dev.laurel.engine.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankValueTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0",
    "1, 1, 0",
    "12.5, 12, 5000000000",
    "0.0000000001, 0, 1",
    "9999999.9999999999, 9999999, 9999999999",
    "-1.5, -2, 5000000000",
    "-0.0000000001, -1, 9999999999",
    "9223372036854775807.9999999999, 9223372036854775807, 9999999999",
  })
  void decimalsSplitIntoFloorAndTenDigitFraction(String decimal, long whole, long fraction) {
    RankValue value = RankValue.of(new BigDecimal(decimal));

    assertThat(value).isEqualTo(new RankValue(whole, fraction));
    assertThat(value.toBigDecimal()).isEqualByComparingTo(decimal);
  }

  @Test
  void integersHaveNoFraction() {
    assertThat(RankValue.of(42)).isEqualTo(new RankValue(42, 0));
    assertThat(RankValue.of(new BigDecimal("1E+3"))).isEqualTo(RankValue.of(1000));
    assertThat(RankValue.of(1000).toBigDecimal()).hasToString("1000");
  }

  @Test
  void moreThanTenFractionalDigitsAreRejectedUnlessZero() {
    assertThat(RankValue.of(new BigDecimal("1.50000000000000"))).isEqualTo(new RankValue(1, 5_000_000_000L));
    assertThatThrownBy(() -> RankValue.of(new BigDecimal("1.00000000001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 10 fractional digits");
  }

  @Test
  void integerPartMustFitInALong() {
    assertThatThrownBy(() -> RankValue.of(new BigDecimal("9223372036854775808")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fractionOutsideItsRangeIsRejected() {
    assertThatThrownBy(() -> new RankValue(1, RankValue.FRACTION_UNITS)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RankValue(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lb9ValuesCompareExactly() {
    RankValue tiny = RankValue.of(new BigDecimal("1.0000000001"));
    RankValue one = RankValue.of(1);
    RankValue almostTwo = RankValue.of(new BigDecimal("1.9999999999"));

    assertThat(tiny).isGreaterThan(one).isLessThan(almostTwo);
    assertThat(almostTwo).isLessThan(RankValue.of(2));
    assertThat(RankValue.of(new BigDecimal("-0.5"))).isLessThan(RankValue.ZERO);
  }

  @Test
  void lb10OnlyValuesAboveZeroAreCandidates() {
    assertThat(RankValue.ZERO.isPositive()).isFalse();
    assertThat(RankValue.of(new BigDecimal("0.0000000001")).isPositive()).isTrue();
    assertThat(RankValue.of(new BigDecimal("-3.2")).isPositive()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"12.9, 12", "0.5, 0", "7, 7", "-1.5, -1", "-2, -2"})
  void lb11ReportedValueTruncatesTowardZero(String decimal, long reported) {
    assertThat(RankValue.of(new BigDecimal(decimal)).reported()).isEqualTo(reported);
  }
}
