package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakEffect.FreezeConsumed;
import dev.laurel.engine.streak.StreakEffect.Lost;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreakBoundaryTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  @DisplayName(
      "STREAK-8, STREAK-23: a missed period loses the streak: length 0, started and extended null,"
          + " streak.lost")
  void lossAtBoundary() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    user.steps("2025-04-03T09:00:00Z", "10");
    user.effects();

    user.settle("2025-04-04T23:59:59Z"); // 2025-04-04 not yet over
    assertThat(user.length()).isEqualTo(3);
    user.settle("2025-04-05T00:00:00Z"); // midnight ending 2025-04-04
    assertThat(user.effects())
        .containsExactly(new Lost(3, date("2025-04-04"), at("2025-04-05T00:00:00Z")));
    assertThat(user.state.started()).isNull();
    assertThat(user.state.extendedAt()).isNull();
    StreakView view = user.view("2025-04-05T01:00:00Z");
    assertThat(view.extended()).isNull();
    assertThat(view.expires()).isNull();
  }

  @Test
  @DisplayName("STREAK-8: a user without a streak loses nothing at boundaries")
  void noStreakNoEffects() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 3, 3), "UTC", "2025-04-01T08:00:00Z");
    user.effects();
    user.settle("2025-04-20T00:00:00Z");
    assertThat(user.effects()).isEmpty();
    assertThat(user.state.freezes()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "STREAK-8: idle periods are processed one at a time in order — pause, then freeze, then loss"
          + " — stopping at loss")
  void severalBoundariesInOrder() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 5, 1), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10"); // length 1
    user.steps("2025-04-02T09:00:00Z", "10"); // length 2
    user.addPause("2025-04-02T10:00:00Z", "pause-1", "2025-04-03", "2025-04-03");
    user.effects();

    user.settle("2025-04-10T12:00:00Z"); // idle since 2025-04-02
    // 04-03 paused, 04-04 frozen (the only freeze), 04-05 lost; later days: no streak, no effect
    assertThat(user.effects())
        .containsExactly(
            new FreezeConsumed(1, 0, date("2025-04-04"), at("2025-04-05T00:00:00Z")),
            new Lost(2, date("2025-04-05"), at("2025-04-06T00:00:00Z")));
    StreakView view = user.view("2025-04-10T12:00:00Z", 10); // 04-01..04-10
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(1, 2, 2, 2, 0, 0, 0, 0, 0, 0);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::usedPause)
        .containsExactly(false, false, true, false, false, false, false, false, false, false);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::usedFreeze)
        .containsExactly(false, false, false, true, false, false, false, false, false, false);
  }

  @Test
  @DisplayName(
      "STREAK-9: reading after idle days returns the state as if boundaries had been processed on"
          + " time")
  void lazyRead() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    StreakState stored = user.state; // never settled again
    StreakView view =
        user.engine.view(StreakPrefs.NONE, stored, user.zone, at("2025-04-09T12:00:00Z"), 7);
    assertThat(view.length()).isZero();
    assertThat(view.status()).isEqualTo(StreakStatus.NONE);
  }

  @Test
  @DisplayName("STREAK-10: periods covered by a freeze or pause add nothing to length")
  void coveredPeriodsDoNotCount() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 5, 2), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-1", "2025-04-02", "2025-04-02");
    // 04-02 paused, 04-03 frozen
    StreakOutcome outcome = user.steps("2025-04-04T09:00:00Z", "10");
    assertThat(outcome.effects())
        .contains(new StreakEffect.Extended(2, at("2025-04-04T09:00:00Z")));
    assertThat(user.state.started()).isEqualTo("2025-04-01");
  }

  @ParameterizedTest(name = "{0}: extended in {1}, alive at {2}, lost at {3}")
  @DisplayName("STREAK-2, STREAK-8: weekly and monthly boundaries at local midnight")
  @CsvSource({
    // America/Los_Angeles (PDT, UTC−7 all year 2025 Apr–Oct)
    // weekly: extended Wed 2025-04-02; the next week (04-06..04-12) is missed;
    // Sat 2025-04-12 23:59 local = 2025-04-13T06:59Z, Sun 2025-04-13 00:00 local =
    // 2025-04-13T07:00Z
    "WEEKLY,  2025-04-02T19:00:00Z, 2025-04-13T06:59:00Z, 2025-04-13T07:00:00Z, 2025-04-06",
    // monthly: extended 2025-05-20; June is missed; Jun 30 23:59 = 07-01T06:59Z, Jul 1 00:00 =
    // 07-01T07:00Z
    "MONTHLY, 2025-05-20T19:00:00Z, 2025-07-01T06:59:00Z, 2025-07-01T07:00:00Z, 2025-06-01",
  })
  void weeklyAndMonthlyBoundaries(
      Frequency frequency, Instant extended, Instant alive, Instant lost, LocalDate missed) {
    StreakConfig config = Configs.withFrequency(Configs.daily(), frequency);
    StreakDriver user =
        StreakDriver.user(config, "America/Los_Angeles", extended.minusSeconds(60).toString());
    user.steps(extended.toString(), "10");
    user.effects();

    user.settle(alive.toString());
    assertThat(user.length()).isEqualTo(1);
    assertThat(user.effects()).isEmpty();
    user.settle(lost.toString());
    assertThat(user.effects()).containsExactly(new Lost(1, missed, lost));
  }

  @Test
  @DisplayName(
      "STREAK-2: the week turns Saturday 23:59 → Sunday 00:00 local: a Saturday event keeps the old"
          + " week")
  void saturdayToSunday() {
    // Asia/Kolkata (UTC+05:30); Sat 2025-04-05 23:59 local = 2025-04-05T18:29Z
    StreakDriver user = StreakDriver.user(Configs.weekly(), "Asia/Kolkata", "2025-03-30T00:00:00Z");
    user.steps("2025-03-31T06:00:00Z", "10"); // week 03-30..04-05
    user.steps("2025-04-05T18:29:00Z", "10"); // Saturday 23:59: same week, nothing new
    assertThat(user.length()).isEqualTo(1);
    user.steps("2025-04-05T18:30:00Z", "10"); // Sunday 2025-04-06 00:00: next week
    assertThat(user.length()).isEqualTo(2);
    assertThat(user.view("2025-04-05T18:31:00Z").periodStart()).isEqualTo("2025-04-06");
  }

  @Test
  @DisplayName("STREAK-2: monthly through a leap February: Jan 31 → Feb 1 → Feb 29 → Mar 1")
  void leapFebruary() {
    StreakDriver user = StreakDriver.user(Configs.monthly(), "UTC", "2024-01-01T00:00:00Z");
    user.steps("2024-01-31T23:59:00Z", "10");
    user.steps("2024-02-29T23:59:00Z", "10");
    user.effects();
    user.settle("2024-03-31T23:59:59Z");
    assertThat(user.length()).isEqualTo(2);
    user.settle("2024-04-01T00:00:00Z");
    assertThat(user.effects())
        .containsExactly(new Lost(2, date("2024-03-01"), at("2024-04-01T00:00:00Z")));
  }
}
