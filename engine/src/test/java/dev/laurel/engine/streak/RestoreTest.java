package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakResult.Applied;
import dev.laurel.engine.streak.StreakResult.Refused;
import dev.laurel.engine.streak.StreakResult.Severity;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestoreTest {

  private static final Refused NOTHING = new Refused(Severity.WARNING, "No streak to restore");

  /** A daily user (UTC) active 2025-01-01..01-10, lost at the midnight ending 01-11. */
  private static StreakDriver tenDaysThenLost() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-01-01T08:00:00Z");
    for (LocalDate day = LocalDate.parse("2025-01-01");
        day.isBefore(LocalDate.parse("2025-01-11"));
        day = day.plusDays(1)) {
      user.steps(day + "T09:00:00Z", "10");
    }
    user.settle("2025-01-12T00:00:00Z");
    assertThat(user.length()).isZero();
    user.effects();
    return user;
  }

  @Test
  @DisplayName(
      "RESTORE-3, RESTORE-4: back to the window's maximum; kept by acting in the current period")
  void restoreAtRisk() {
    StreakDriver user = tenDaysThenLost();
    StreakResult result = user.restore("2025-01-13T10:00:00Z");

    assertThat(result).isInstanceOf(Applied.class);
    assertThat(((Applied) result).outcome().effects()).isEmpty();
    StreakView view = user.view("2025-01-13T10:00:00Z", 5);
    assertThat(view.length()).isEqualTo(10);
    assertThat(view.started()).isEqualTo("2025-01-01");
    assertThat(view.extended()).isEqualTo("2025-01-10T09:00:00Z");
    assertThat(view.expires()).isEqualTo("2025-01-13");
    assertThat(view.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(9, 10, 10, 10, 10);

    assertThat(user.steps("2025-01-13T11:00:00Z", "10").effects())
        .containsExactly(new StreakEffect.Extended(11, Instant.parse("2025-01-13T11:00:00Z")));
  }

  @Test
  @DisplayName("RESTORE-4: when the current period is already satisfied the length becomes L + 1")
  void restoreWhenSatisfied() {
    StreakDriver user = tenDaysThenLost();
    user.steps("2025-01-12T09:00:00Z", "10"); // new run: 1
    user.steps("2025-01-13T09:00:00Z", "10"); // 2, current period extended
    assertThat(user.restore("2025-01-13T10:00:00Z")).isInstanceOf(Applied.class);

    StreakView view = user.view("2025-01-13T10:00:00Z", 4);
    assertThat(view.length()).isEqualTo(11);
    assertThat(view.started()).isEqualTo("2025-01-01");
    assertThat(view.extended()).isEqualTo("2025-01-13T09:00:00Z");
    assertThat(view.status()).isEqualTo(StreakStatus.EXTENDED);
    assertThat(view.expires()).isEqualTo("2025-01-14");
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(10, 10, 10, 11);
    assertThat(user.steps("2025-01-13T12:00:00Z", "10").extended()).isFalse();
  }

  @ParameterizedTest(name = "restore at {0} → {1}")
  @DisplayName("RESTORE-2: daily window is the last 90 days")
  @CsvSource({
    "2025-04-10T12:00:00Z, 10", // 2025-04-10 − 90 days = 2025-01-10, the day 10 was reached
    "2025-04-11T00:00:00Z, 0",
  })
  void dailyWindow(String at, int restored) {
    StreakDriver user = tenDaysThenLost();
    StreakResult result = user.restore(at);
    if (restored == 0) {
      assertThat(result).isEqualTo(NOTHING);
    } else {
      assertThat(user.length()).isEqualTo(restored);
    }
  }

  @ParameterizedTest(name = "weekly, last extended week starting {0}, restore at {1} → {2}")
  @DisplayName("RESTORE-2: weekly window starts with the week holding 1 January of this year")
  @CsvSource({
    // 2025-01-01 is a Wednesday: its week is 2024-12-29..2025-01-04
    "2024-12-22, 2025-01-10T12:00:00Z, 0",
    "2024-12-29, 2025-01-15T12:00:00Z, 5",
    "2024-12-22, 2024-12-31T12:00:00Z, 0", // the streak of 4 is still running: nothing above it
  })
  void weeklyWindow(LocalDate lastWeek, String restoreAt, int restored) {
    StreakDriver user = StreakDriver.user(Configs.weekly(), "UTC", "2024-12-01T08:00:00Z");
    LocalDate week = LocalDate.parse("2024-12-01");
    for (; !week.isAfter(lastWeek); week = week.plusWeeks(1)) {
      user.steps(week.plusDays(1) + "T09:00:00Z", "10");
    }
    StreakResult result = user.restore(restoreAt);
    if (restored == 0) {
      assertThat(result).isEqualTo(NOTHING);
    } else {
      assertThat(result).isInstanceOf(Applied.class);
      assertThat(user.length()).isEqualTo(restored);
      assertThat(user.state.started()).isEqualTo("2024-12-02");
    }
  }

  @ParameterizedTest(name = "monthly, last extended month {0}, restore at {1} → {2}")
  @DisplayName("RESTORE-2: monthly window starts in January of last year")
  @CsvSource({
    "2023-12-01, 2025-03-10T12:00:00Z, 0",
    "2024-01-01, 2025-03-10T12:00:00Z, 3",
    "2024-01-01, 2026-01-01T00:00:00Z, 0",
  })
  void monthlyWindow(LocalDate lastMonth, String restoreAt, int restored) {
    StreakDriver user = StreakDriver.user(Configs.monthly(), "UTC", "2023-11-01T08:00:00Z");
    for (LocalDate month = LocalDate.parse("2023-11-01");
        !month.isAfter(lastMonth);
        month = month.plusMonths(1)) {
      user.steps(month.plusDays(14) + "T09:00:00Z", "10");
    }
    StreakResult result = user.restore(restoreAt);
    if (restored == 0) {
      assertThat(result).isEqualTo(NOTHING);
    } else {
      assertThat(user.length()).isEqualTo(restored);
      StreakView view = user.view(restoreAt, 3);
      assertThat(view.expires()).isEqualTo("2025-03-31");
      assertThat(view.streakHistory())
          .extracting(StreakView.HistoryEntry::length)
          .containsExactly(3, 3, 3);
    }
  }

  @Test
  @DisplayName(
      "RESTORE-5: nothing to restore when the maximum is not above the current length, or without"
          + " history")
  void nothingToRestore() {
    StreakDriver fresh = StreakDriver.user(Configs.daily(), "UTC", "2025-01-01T08:00:00Z");
    assertThat(fresh.restore("2025-01-05T08:00:00Z")).isEqualTo(NOTHING);

    StreakDriver user = tenDaysThenLost();
    for (LocalDate day = LocalDate.parse("2025-01-12");
        day.isBefore(LocalDate.parse("2025-01-23"));
        day = day.plusDays(1)) {
      user.steps(day + "T09:00:00Z", "10");
    }
    assertThat(user.length()).isEqualTo(11);
    assertThat(user.restore("2025-01-22T10:00:00Z")).isEqualTo(NOTHING);
  }

  @Test
  @DisplayName("RESTORE-3: the most recent run wins when two runs reached the same maximum")
  void latestRunWins() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-01-01T08:00:00Z");
    user.steps("2025-01-01T09:00:00Z", "10");
    user.steps("2025-01-02T09:00:00Z", "10"); // run A: 2, lost at 01-04
    user.steps("2025-01-05T09:00:00Z", "10");
    user.steps("2025-01-06T09:00:00Z", "10"); // run B: 2, lost at 01-08
    user.restore("2025-01-09T09:00:00Z");
    assertThat(user.length()).isEqualTo(2);
    assertThat(user.state.started()).isEqualTo("2025-01-05");
  }

  @Test
  @DisplayName("RESTORE-4, STREAK-20: nothing is restored while streaks are off for the user")
  void disabledUser() {
    StreakDriver user = tenDaysThenLost();
    user.setPrefs("2025-01-12T01:00:00Z", new StreakPrefs(false, null, null));
    assertThat(user.restore("2025-01-13T10:00:00Z")).isEqualTo(NOTHING);
  }
}
