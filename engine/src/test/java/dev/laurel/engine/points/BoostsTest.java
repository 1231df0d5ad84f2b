package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoostsTest {
  private static final LocalDate JAN1 = LocalDate.of(2025, 1, 1);

  private static Boost boost(String multiplier, Boost.Rounding rounding) {
    return Fixtures.boost("b-" + multiplier, "xp", multiplier, rounding, JAN1, null);
  }

  @Test
  void boost6_boosts_stack_by_multiplication_2_x_1_5_x_3_makes_10_into_90() {
    List<Boost> boosts =
        List.of(boost("2", Boost.Rounding.DOWN), boost("1.5", Boost.Rounding.DOWN), boost("3", Boost.Rounding.DOWN));
    assertThat(Boosts.apply(BigInteger.TEN, boosts)).isEqualTo(BigInteger.valueOf(90));
  }

  @ParameterizedTest(name = "BOOST-7: {0} × {1} rounded {2} → {3}")
  @CsvSource({
    "1, 1.2, down, 1",
    "1, 1.5, down, 1",
    "1, 1.7, down, 1",
    "1, 1.2, up, 2",
    "1, 1.5, up, 2",
    "1, 1.2, nearest, 1",
    "1, 1.5, nearest, 2",
    "1, 1.7, nearest, 2",
    "3, 0.5, nearest, 2", // 1.5 → 2 (half-up)
    "1, 0.4, down, 0", // rounds to nothing: no award (PTS-7)
    "7, 1.1, up, 8", // 7.7 → 8
    "10, 1.1, down, 11" // exact: 11.000…, never 10.999… from binary floating point
  })
  void boost7_rounding_once_after_stacking(long base, String multiplier, String rounding, long expected) {
    Boost b = boost(multiplier, Boost.Rounding.fromWire(rounding));
    assertThat(Boosts.apply(BigInteger.valueOf(base), List.of(b))).isEqualTo(BigInteger.valueOf(expected));
  }

  @Test
  void boost7_rounding_applies_once_to_the_stacked_product() {
    // 1 × 1.5 × 1.5 = 2.25 → nearest 2 (rounding each step would give 2 → 3)
    List<Boost> two = List.of(boost("1.5", Boost.Rounding.NEAREST), boost("1.5", Boost.Rounding.NEAREST));
    assertThat(Boosts.apply(BigInteger.ONE, two)).isEqualTo(BigInteger.TWO);
  }

  @Test
  void boost7_mixed_rounding_modes_round_down() {
    List<Boost> mixed = List.of(boost("1.5", Boost.Rounding.UP), boost("1.1", Boost.Rounding.NEAREST));
    // 1 × 1.5 × 1.1 = 1.65 → down → 1
    assertThat(Boosts.apply(BigInteger.ONE, mixed)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void boost4_status_is_derived_from_the_dates() {
    Boost b = Fixtures.boost("b", "xp", "2", Boost.Rounding.DOWN, LocalDate.of(2025, 1, 10), LocalDate.of(2025, 1, 12));
    assertThat(b.status(LocalDate.of(2025, 1, 9))).isEqualTo(Boost.Status.SCHEDULED);
    assertThat(b.status(LocalDate.of(2025, 1, 10))).isEqualTo(Boost.Status.ACTIVE);
    assertThat(b.status(LocalDate.of(2025, 1, 12))).isEqualTo(Boost.Status.ACTIVE);
    assertThat(b.status(LocalDate.of(2025, 1, 13))).isEqualTo(Boost.Status.FINISHED);
    Boost open = Fixtures.boost("o", "xp", "2", Boost.Rounding.DOWN, LocalDate.of(2025, 1, 10), null);
    assertThat(open.status(LocalDate.of(2999, 1, 1))).isEqualTo(Boost.Status.ACTIVE);
  }

  @Test
  void boost2_user_specific_and_attribute_filtered_boosts_target_their_users() {
    Boost mine = new Boost("b1", "xp", "mine", JAN1, null, java.math.BigDecimal.TWO, Boost.Rounding.DOWN, "u1", List.of(), T0);
    Boost pro =
        new Boost("b2", "xp", "pro", JAN1, null, java.math.BigDecimal.TWO, Boost.Rounding.DOWN, null,
            List.of(new AttributeFilter("a-plan", "plan", "pro")), T0);
    Boost everyone = boost("3", Boost.Rounding.DOWN);
    var u1 = Fixtures.user("u1", null, Map.of("plan", "free"), T0);
    var u2 = Fixtures.user("u2", null, Map.of("plan", "pro"), T0);
    assertThat(mine.targets(u1)).isTrue();
    assertThat(mine.targets(u2)).isFalse();
    assertThat(pro.targets(u1)).isFalse();
    assertThat(pro.targets(u2)).isTrue();
    assertThat(everyone.targets(u1)).isTrue();
    SystemConfig xp = new SystemConfig(Fixtures.system("xp", null), List.of(), List.of(), List.of(mine, pro, everyone));
    assertThat(xp.boostsFor(u2, LocalDate.of(2025, 2, 1))).containsExactly(pro, everyone);
  }
}
