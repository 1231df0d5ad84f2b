package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STREAK-17 and the state's size bounds. */
class StreakHistoryTest {

  @Test
  @DisplayName(
      "STREAK-17: historyPeriods consecutive periods ending with the current one, oldest first; 0"
          + " before the user existed")
  void consecutivePeriods() {
    StreakDriver user = StreakDriver.user(Configs.weekly(), "UTC", "2025-04-02T08:00:00Z");
    user.steps("2025-04-02T09:00:00Z", "10"); // week 03-30
    user.steps("2025-04-07T09:00:00Z", "10"); // week 04-06
    StreakView view = user.view("2025-04-14T09:00:00Z"); // week 04-13, default 7
    assertThat(view.streakHistory()).hasSize(7);
    assertThat(view.streakHistory().getFirst().periodStart()).isEqualTo("2025-03-02");
    assertThat(view.streakHistory().getFirst().periodEnd()).isEqualTo("2025-03-08");
    assertThat(view.streakHistory().getLast().periodStart()).isEqualTo("2025-04-13");
    assertThat(view.streakHistory().getLast().periodEnd()).isEqualTo("2025-04-19");
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(0, 0, 0, 0, 1, 2, 2);
    assertThat(view.streakHistory()).allSatisfy(e -> assertThat(e.usedFreeze()).isNull());
    // "extended in this period" reads as length > previous length
  }

  @Test
  @DisplayName("STREAK-17: a period in which the streak was lost has length 0")
  void lostPeriod() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    assertThat(user.view("2025-04-04T09:00:00Z", 4).streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(1, 2, 0, 0);
  }

  @Test
  @DisplayName("STREAK-17: 365 daily periods; the state keeps bounded history and activity")
  void fullYear() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2024-01-01T08:00:00Z");
    LocalDate end = LocalDate.parse("2025-03-01");
    for (LocalDate day = LocalDate.parse("2024-01-01"); day.isBefore(end); day = day.plusDays(1)) {
      user.steps(day + "T09:00:00Z", "10");
    }
    StreakView view = user.view("2025-02-28T12:00:00Z", 365);
    assertThat(view.length()).isEqualTo(425);
    assertThat(view.streakHistory()).hasSize(365);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactlyElementsOf(IntStream.rangeClosed(61, 425).boxed().toList());
    assertThat(view.streakHistory().getFirst().periodStart()).isEqualTo("2024-03-01");
    assertThat(user.state.periods()).hasSizeLessThanOrEqualTo(StreakState.HISTORY_PERIODS);
    assertThat(user.state.activity()).hasSizeLessThanOrEqualTo(StreakState.ACTIVITY_DAYS + 1);
  }

  @Test
  @DisplayName("STREAK-17: 365 monthly periods go back 30 years, all 0 before the user existed")
  void monthlyYears() {
    StreakDriver user = StreakDriver.user(Configs.monthly(), "UTC", "2025-01-15T08:00:00Z");
    user.steps("2025-01-15T09:00:00Z", "10");
    StreakView view = user.view("2025-02-15T09:00:00Z", 365);
    assertThat(view.streakHistory().getFirst().periodStart()).isEqualTo("1994-10-01");
    assertThat(view.streakHistory().get(363).length()).isEqualTo(1);
  }

  @ParameterizedTest(name = "historyPeriods {0}")
  @ValueSource(ints = {0, 366, -1})
  @DisplayName("STREAK-15: historyPeriods must be 1–365 (the HTTP layer answers 422 first)")
  void outOfRange(int periods) {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    assertThatThrownBy(() -> user.view("2025-04-01T09:00:00Z", periods))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName(
      "FREEZE-2, PAUSE-6: ledger entries and ended pauses older than ACTIVITY_DAYS are dropped")
  void boundedLedgerAndPauses() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 100, 0, 1, 1), "UTC", "2024-01-01T08:00:00Z");
    user.addPause("2024-01-01T09:00:00Z", "pause-1", "2024-01-02", "2024-01-03");
    user.addPause("2024-01-01T09:00:00Z", "pause-2", "2024-01-02", "2030-01-01");
    user.settle("2025-06-01T00:00:00Z");
    assertThat(user.state.freezes()).isEqualTo(100);
    assertThat(user.state.freezeLedger()).isEmpty(); // last accrual 2024-04-10, long ago
    assertThat(user.state.pauses()).extracting(StreakPause::id).containsExactly("pause-2");
  }
}
