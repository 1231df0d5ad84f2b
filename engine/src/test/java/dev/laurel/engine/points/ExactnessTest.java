package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PTS-2, BOOST-6, SUM-5: a million boosted awards add up exactly, with no floating-point drift. */
class ExactnessTest {

  @Test
  void a_million_awards_with_a_boost_of_1_1_sum_exactly_to_the_total() {
    Boost tenPercent = Fixtures.boost("b", "xp", "1.1", Boost.Rounding.NEAREST, LocalDate.of(2025, 1, 1), null);
    SystemConfig xp = new SystemConfig(Fixtures.system("xp", null), List.of(Fixtures.metric("t", "xp", 1, 1)), List.of(), List.of(tenPercent));
    Trigger t = xp.triggers().get(0);
    Ledger ledger = new Ledger(Fixtures.user("u1"), PointsState.EMPTY, () -> "a");
    long sum = 0;
    BigInteger base = BigInteger.valueOf(15); // 15 × 1.1 = 16.5 → 17 every time (half-up, exactly)
    for (int i = 0; i < 1_000_000; i++) {
      sum += ledger.fire(xp, t, base, T0, null).awarded();
    }
    assertThat(ledger.total("xp")).isEqualTo(17_000_000L).isEqualTo(sum);
    assertThat(ledger.awards()).hasSize(1_000_000);
    assertThat(ledger.awards().get(999_999).total()).isEqualTo(17_000_000L);
  }

  @Test
  void a_million_events_of_0_1_unit_cross_a_threshold_of_1_exactly_100_000_times() {
    SystemConfig xp = new SystemConfig(Fixtures.system("xp", null), List.of(Fixtures.metric("t", "xp", 1, 1)), List.of(), List.of());
    PointsConfig config = new PointsConfig(List.of(xp));
    var event = Fixtures.event("u1", "0.1", java.util.Map.of(), T0);
    PointsState state = PointsState.EMPTY;
    for (int i = 0; i < 1_000_000; i++) {
      Ledger ledger = new Ledger(Fixtures.user("u1"), state, () -> "a");
      MetricTriggers.apply(config, ledger, event, T0);
      state = ledger.state();
    }
    assertThat(state.total("xp")).isEqualTo(100_000L);
    assertThat(state.metricProgress().get("t").accumulated()).isEqualByComparingTo(new BigDecimal("100000"));
  }
}
