package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LedgerTest {

  @ParameterizedTest(name = "PTS-6: total {0} + amount {1} with max {2} → {3}")
  @CsvSource(
      nullValues = "none",
      value = {
        "0, 10, none, 10",
        "95, 10, 100, 100", // capped at the maximum
        "100, 10, 100, 100", // at the maximum: no change
        "150, 10, 100, 150", // above a lowered maximum: a positive award never reduces it (PTS-8)
        "150, -10, 100, 140", // deductions apply normally above the maximum
        "5, -10, none, 0", // floored at 0
        "0, -10, none, 0",
        "9223372036854775800, 100, none, 9223372036854775807" // a total stays within a long
      })
  void pts6_bounds(long total, long amount, Long max, long expected) {
    assertThat(Ledger.bound(total, BigInteger.valueOf(amount), max)).isEqualTo(expected);
  }

  @Test
  void pts7_a_firing_with_no_effective_change_leaves_no_award() {
    PointsConfig config =
        Fixtures.config(Fixtures.system("xp", 100L), List.of(Fixtures.metric("t1", "xp", 10, 1)), List.of(), List.of());
    SystemConfig xp = config.byKey("xp-key");
    Ledger ledger = new Ledger(Fixtures.user("u1"), new PointsState(Map.of("xp", 100L), Map.of(), Map.of()), Fixtures.ids());
    assertThat(ledger.fire(xp, xp.triggers().get(0), BigInteger.TEN, T0, null)).isNull();
    assertThat(ledger.awards()).isEmpty();
  }

  @Test
  void pts3_pts5_each_award_records_the_effective_change_and_the_total_after_it() {
    PointsConfig config =
        Fixtures.config(Fixtures.system("xp", 25L), List.of(Fixtures.metric("t1", "xp", 10, 1)), List.of(), List.of());
    SystemConfig xp = config.byKey("xp-key");
    Ledger ledger = new Ledger(Fixtures.user("u1", "Europe/Paris", Map.of(), T0), PointsState.EMPTY, Fixtures.ids());
    for (int i = 0; i < 3; i++) {
      ledger.fire(xp, xp.triggers().get(0), BigInteger.TEN, T0, null);
    }
    assertThat(ledger.awards()).extracting(Award::awarded).containsExactly(10L, 10L, 5L);
    assertThat(ledger.awards()).extracting(Award::total).containsExactly(10L, 20L, 25L);
    assertThat(ledger.awards().get(0).tz()).isEqualTo("Europe/Paris");
    assertThat(ledger.awards().get(0).triggerId()).isEqualTo("t1");
  }

  @Test
  void boost3_boost8_boosts_apply_by_the_local_date_of_the_award_and_are_recorded() {
    // 2025-01-15 23:30 UTC is already 2025-01-16 in Tokyo
    var late = T0.plusSeconds(13 * 3600);
    Boost only16th = Fixtures.boost("b1", "xp", "2", Boost.Rounding.DOWN, LocalDate.of(2025, 1, 16), LocalDate.of(2025, 1, 16));
    PointsConfig config =
        Fixtures.config(Fixtures.system("xp", null), List.of(Fixtures.metric("t1", "xp", 10, 1)), List.of(), List.of(only16th));
    SystemConfig xp = config.byKey("xp-key");
    Ledger tokyo = new Ledger(Fixtures.user("u1", "Asia/Tokyo", Map.of(), T0), PointsState.EMPTY, Fixtures.ids());
    Ledger london = new Ledger(Fixtures.user("u2", "Europe/London", Map.of(), T0), PointsState.EMPTY, Fixtures.ids());
    Award a = tokyo.fire(xp, xp.triggers().get(0), BigInteger.TEN, late, null);
    Award b = london.fire(xp, xp.triggers().get(0), BigInteger.TEN, late, null);
    assertThat(a.awarded()).isEqualTo(20);
    assertThat(a.boosts()).containsExactly(only16th);
    assertThat(b.awarded()).isEqualTo(10);
    assertThat(b.boosts()).isEmpty();
  }

  @Test
  void boost5_deductions_are_never_boosted() {
    Boost triple = Fixtures.boost("b1", "xp", "3", Boost.Rounding.DOWN, LocalDate.of(2025, 1, 1), null);
    PointsConfig config =
        Fixtures.config(Fixtures.system("xp", null), List.of(Fixtures.metric("t1", "xp", -10, 1)), List.of(), List.of(triple));
    SystemConfig xp = config.byKey("xp-key");
    Ledger ledger = new Ledger(Fixtures.user("u1"), new PointsState(Map.of("xp", 100L), Map.of(), Map.of()), Fixtures.ids());
    Award a = ledger.fire(xp, xp.triggers().get(0), BigInteger.valueOf(-10), T0, null);
    assertThat(a.awarded()).isEqualTo(-10);
    assertThat(a.boosts()).isEmpty();
  }
}
