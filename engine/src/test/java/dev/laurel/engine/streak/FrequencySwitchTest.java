package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STREAK-21: the frequency changes; streaks are recomputed from per-day activity and pauses. */
class FrequencySwitchTest {

  @Test
  @DisplayName(
      "STREAK-21: daily → weekly recomputes the weekly streak as if it had always been weekly")
  void dailyToWeekly() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-03-02T08:00:00Z"); // Sunday
    user.steps("2025-03-03T09:00:00Z", "10"); // week of 03-02
    user.steps("2025-03-10T09:00:00Z", "4"); // week of 03-09: 4 + 6 crosses on 03-12
    user.steps("2025-03-12T09:00:00Z", "6");
    user.steps("2025-03-17T09:00:00Z", "10"); // week of 03-16 (current)
    assertThat(user.length()).isEqualTo(1); // daily: broken
    user.effects();

    user.reconfigure("2025-03-18T12:00:00Z", Configs.weekly());
    assertThat(user.effects()).isEmpty();
    StreakView view = user.view("2025-03-18T12:00:00Z", 4);
    assertThat(view.length()).isEqualTo(3);
    assertThat(view.frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(view.started()).isEqualTo("2025-03-03");
    assertThat(view.extended()).isEqualTo("2025-03-17T09:00:00Z");
    assertThat(view.periodStart()).isEqualTo("2025-03-16");
    assertThat(view.status()).isEqualTo(StreakStatus.EXTENDED);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::periodStart, StreakView.HistoryEntry::length)
        .containsExactly(
            tuple(LocalDate.parse("2025-02-23"), 0),
            tuple(LocalDate.parse("2025-03-02"), 1),
            tuple(LocalDate.parse("2025-03-09"), 2),
            tuple(LocalDate.parse("2025-03-16"), 3));
    assertThat(user.steps("2025-03-19T09:00:00Z", "10").extended()).isFalse();
  }

  @Test
  @DisplayName(
      "STREAK-21: weekly → daily; freezes are not consumed by the recomputation and the balance is"
          + " unchanged")
  void weeklyToDaily() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.weekly(), 5, 2), "UTC", "2025-03-02T08:00:00Z");
    user.steps("2025-03-03T09:00:00Z", "10");
    user.steps("2025-03-05T09:00:00Z", "10"); // gap on 03-04
    user.steps("2025-03-06T09:00:00Z", "10");
    user.effects();

    user.reconfigure("2025-03-07T12:00:00Z", Configs.withFreezes(Configs.daily(), 5, 2));
    assertThat(user.effects()).isEmpty();
    assertThat(user.state.freezes()).isEqualTo(2);
    StreakView view = user.view("2025-03-07T12:00:00Z", 5);
    assertThat(view.length()).isEqualTo(2); // 03-05, 03-06; 03-04 lost without a freeze
    assertThat(view.started()).isEqualTo("2025-03-05");
    assertThat(view.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(1, 0, 1, 2, 2);
    // from now on the daily streak consumes freezes as usual
    user.settle("2025-03-08T00:00:00Z"); // 03-07 missed
    assertThat(user.state.freezes()).isEqualTo(1);
    assertThat(user.length()).isEqualTo(2);
  }

  @Test
  @DisplayName("STREAK-21, PAUSE-3: the recomputation covers missed periods with pauses")
  void pausesInRecomputation() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-03-02T08:00:00Z");
    user.steps("2025-03-03T09:00:00Z", "10"); // week of 03-02
    user.addPause(
        "2025-03-03T10:00:00Z", "pause-1", "2025-03-14", "2025-03-14"); // Friday of week 03-09
    user.steps("2025-03-17T09:00:00Z", "10"); // week of 03-16
    user.reconfigure("2025-03-18T12:00:00Z", Configs.weekly());
    StreakView view = user.view("2025-03-18T12:00:00Z", 3);
    assertThat(view.length()).isEqualTo(2);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::usedPause)
        .containsExactly(false, true, false);
  }

  @Test
  @DisplayName(
      "STREAK-21: the switch is found lazily by the first settlement under the new frequency and"
          + " applied once")
  void lazyAndIdempotent() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-03-02T08:00:00Z");
    user.steps("2025-03-03T09:00:00Z", "10");
    user.steps("2025-03-04T09:00:00Z", "10");
    StreakEngine monthly = new StreakEngine(Configs.monthly());
    StreakOutcome first =
        monthly.settle(
            StreakPrefs.NONE, user.state, user.zone, Instant.parse("2025-03-20T00:00:00Z"));
    assertThat(first.state().frequency()).isEqualTo(Frequency.MONTHLY);
    assertThat(first.state().length()).isEqualTo(1);
    assertThat(first.state().started()).isEqualTo("2025-03-03");
    assertThat(first.effects()).isEmpty();
    StreakOutcome second =
        monthly.settle(
            StreakPrefs.NONE, first.state(), user.zone, Instant.parse("2025-03-20T00:00:00Z"));
    assertThat(second.state()).isEqualTo(first.state());
  }

  @Test
  @DisplayName(
      "STREAK-21: recomputation reaches back at most the retained activity"
          + " (StreakState.ACTIVITY_DAYS)")
  void boundedRecomputation() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2024-01-01T08:00:00Z");
    for (LocalDate day = LocalDate.parse("2024-01-01");
        day.isBefore(LocalDate.parse("2025-06-01"));
        day = day.plusDays(1)) {
      user.steps(day + "T09:00:00Z", "10");
    }
    assertThat(user.length()).isEqualTo(517);
    assertThat(user.state.activity()).hasSize(StreakState.ACTIVITY_DAYS + 1);
    user.reconfigure("2025-05-31T12:00:00Z", Configs.weekly());
    // activity from 2024-04-26 on: the first whole week starts 2024-04-28; 2025-05-25 is the
    // current week
    assertThat(user.length()).isEqualTo(57);
    assertThat(user.state.started()).isEqualTo("2024-04-28");
  }
}
