package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelsAndOutcomeTest {
  private static final List<Level> LEVELS =
      List.of(Fixtures.level("silver", "xp", 100), Fixtures.level("bronze", "xp", 0), Fixtures.level("gold", "xp", 500));
  private static final SystemConfig XP =
      new SystemConfig(Fixtures.system("xp", null), List.of(Fixtures.metric("t1", "xp", 1, 1)), LEVELS, List.of());

  @ParameterizedTest(name = "LVL-2/LVL-3: total {0} holds {1}")
  @CsvSource({"0, bronze", "99, bronze", "100, silver", "499, silver", "500, gold", "100000, gold"})
  void lvl2_lvl3_reaching_a_threshold_suffices(long total, String level) {
    assertThat(XP.levelFor(total).id()).isEqualTo(level);
  }

  @Test
  void lvl2_no_levels_or_below_every_threshold_is_no_level() {
    assertThat(new SystemConfig(Fixtures.system("x", null), List.of(), List.of(), List.of()).levelFor(10)).isNull();
    var noZero = new SystemConfig(Fixtures.system("x", null), List.of(), List.of(Fixtures.level("l", "x", 5)), List.of());
    assertThat(noZero.levelFor(4)).isNull();
  }

  private static PointsOutcome outcome(long startTotal, long... amounts) {
    PointsConfig config = new PointsConfig(List.of(XP));
    Ledger ledger = new Ledger(Fixtures.user("u1"), new PointsState(Map.of("xp", startTotal), Map.of(), Map.of()), Fixtures.ids());
    for (long a : amounts) {
      ledger.fire(XP, XP.triggers().get(0), BigInteger.valueOf(a), T0, null);
    }
    return new PointsOutcome(List.of(), ledger.awards(), config);
  }

  @Test
  void lvl5_pts9_a_level_up_is_reported_with_the_new_level_and_the_sum_of_changes() {
    var change = outcome(90, 5, 10).changes().get(0);
    assertThat(change.total()).isEqualTo(105);
    assertThat(change.added()).isEqualTo(15);
    assertThat(change.awards()).hasSize(2);
    assertThat(change.levelChanged()).isTrue();
    assertThat(change.level().id()).isEqualTo("silver");
  }

  @Test
  void lvl5_a_level_down_through_deductions_is_reported_and_no_change_is_not() {
    var down = outcome(510, -20).changes().get(0);
    assertThat(down.levelChanged()).isTrue();
    assertThat(down.level().id()).isEqualTo("silver");
    // up and back down within one request: the level is the same as before, so not reported
    var same = outcome(90, 20, -20).changes().get(0);
    assertThat(same.levelChanged()).isFalse();
    assertThat(same.added()).isZero();
  }

  @Test
  void lvl5_losing_every_level_reports_null() {
    var system = new SystemConfig(Fixtures.system("xp", null), List.of(Fixtures.metric("t1", "xp", 1, 1)),
        List.of(Fixtures.level("l1", "xp", 10)), List.of());
    Ledger ledger = new Ledger(Fixtures.user("u1"), new PointsState(Map.of("xp", 12L), Map.of(), Map.of()), Fixtures.ids());
    ledger.fire(system, system.triggers().get(0), BigInteger.valueOf(-5), T0, null);
    var change = new PointsOutcome(List.of(), ledger.awards(), new PointsConfig(List.of(system))).changes().get(0);
    assertThat(change.levelChanged()).isTrue();
    assertThat(change.level()).isNull();
  }

  @Test
  void pts9_systems_without_awards_are_not_reported() {
    assertThat(outcome(0).changes()).isEmpty();
  }

  @ParameterizedTest(name = "PTS-12: greatest total {0} → ranges of {1}")
  @CsvSource({"0, 1", "7, 1", "10, 1", "11, 10", "600, 100", "1000, 100", "1001, 1000"})
  void pts12_eleven_ranges_up_to_the_next_power_of_ten(long greatest, long step) {
    var ranges = PointsHistogram.of(new long[] {0, 0, greatest});
    assertThat(ranges).hasSize(11);
    assertThat(ranges.get(0)).isEqualTo(new PointsHistogram.Range(0, 0, greatest == 0 ? 3 : 2));
    assertThat(ranges.get(1).from()).isEqualTo(1);
    assertThat(ranges.get(1).to()).isEqualTo(step);
    assertThat(ranges.get(10).to()).isEqualTo(10 * step);
    assertThat(ranges.stream().mapToLong(PointsHistogram.Range::users).sum()).isEqualTo(3);
  }

  @Test
  void pts12_users_are_counted_in_the_range_holding_their_total() {
    var ranges = PointsHistogram.of(new long[] {0, 1, 100, 101, 600, 550});
    // greatest 600 → U = 1000, ranges 1–100, 101–200, …
    assertThat(ranges.get(0).users()).isEqualTo(1);
    assertThat(ranges.get(1)).isEqualTo(new PointsHistogram.Range(1, 100, 2));
    assertThat(ranges.get(2)).isEqualTo(new PointsHistogram.Range(101, 200, 1));
    assertThat(ranges.get(6)).isEqualTo(new PointsHistogram.Range(501, 600, 2));
  }
}
