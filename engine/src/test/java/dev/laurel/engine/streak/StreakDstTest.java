package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakEffect.FreezeEarned;
import dev.laurel.engine.streak.StreakEffect.Lost;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TIME-8: local days of 23 and 25 hours, and a zone whose midnight is skipped. */
class StreakDstTest {

  @ParameterizedTest(name = "{0}: extended on {1}, {2} missed, alive at {3}, lost at {4}")
  @DisplayName(
      "TIME-8, STREAK-8: a missed DST day ends at the first instant of the next local date")
  @CsvSource({
    // New York spring forward: 2025-03-09 has 23 h and ends at 2025-03-10 00:00 EDT = 04:00Z
    "America/New_York, 2025-03-08T17:00:00Z, 2025-03-09, 2025-03-10T03:59:59Z,"
        + " 2025-03-10T04:00:00Z",
    // New York fall back: 2025-11-02 has 25 h and ends at 2025-11-03 00:00 EST = 05:00Z
    "America/New_York, 2025-11-01T16:00:00Z, 2025-11-02, 2025-11-03T04:59:59Z,"
        + " 2025-11-03T05:00:00Z",
    // London: 2025-03-30 has 23 h (ends 2025-03-30T23:00Z), 2025-10-26 has 25 h (ends
    // 2025-10-27T00:00Z)
    "Europe/London,    2025-03-29T12:00:00Z, 2025-03-30, 2025-03-30T22:59:59Z,"
        + " 2025-03-30T23:00:00Z",
    "Europe/London,    2025-10-25T12:00:00Z, 2025-10-26, 2025-10-26T23:59:59Z,"
        + " 2025-10-27T00:00:00Z",
    // Havana skips midnight: 2025-03-09 starts at 01:00 CDT = 05:00Z, so 2025-03-08 ends then
    "America/Havana,   2025-03-07T17:00:00Z, 2025-03-08, 2025-03-09T04:59:59Z,"
        + " 2025-03-09T05:00:00Z",
  })
  void missedDstDay(String zone, Instant extended, LocalDate missed, Instant alive, Instant lost) {
    StreakDriver user =
        StreakDriver.user(Configs.daily(), zone, extended.minusSeconds(60).toString());
    user.steps(extended.toString(), "10");
    user.effects();
    user.settle(alive.toString());
    assertThat(user.length()).isEqualTo(1);
    user.settle(lost.toString());
    assertThat(user.effects()).containsExactly(new Lost(1, missed, lost));
  }

  @ParameterizedTest(name = "{0}: {1} is late on {2}")
  @DisplayName("TIME-3, TIME-8: an event late on a DST day counts for that day")
  @CsvSource({
    "America/New_York, 2025-03-10T03:30:00Z, 2025-03-09", // 23:30 EDT on the 23-hour day
    "America/New_York, 2025-11-03T04:30:00Z, 2025-11-02", // 23:30 EST on the 25-hour day
    "America/New_York, 2025-11-02T05:30:00Z, 2025-11-02", // 01:30 EDT, first occurrence
    "America/New_York, 2025-11-02T06:30:00Z, 2025-11-02", // 01:30 EST, second occurrence
    "Europe/London,    2025-10-26T23:30:00Z, 2025-10-26", // 23:30 GMT
    "Europe/London,    2025-03-30T23:30:00Z, 2025-03-31", // 00:30 BST the next day
    "America/Havana,   2025-03-09T04:59:00Z, 2025-03-08", // 23:59 CST before the skipped midnight
  })
  void lateEvents(String zone, Instant event, LocalDate date) {
    StreakDriver user =
        StreakDriver.user(Configs.daily(), zone, event.minusSeconds(3 * 3600).toString());
    assertThat(user.steps(event.toString(), "10").effects())
        .containsExactly(new StreakEffect.Started(date, event));
  }

  @Test
  @DisplayName("TIME-8: consecutive days across spring forward and fall back keep one period each")
  void streakAcrossTransitions() {
    StreakDriver user =
        StreakDriver.user(Configs.daily(), "America/New_York", "2025-03-08T12:00:00Z");
    user.steps("2025-03-09T04:59:00Z", "10"); // 03-08 23:59 EST
    user.steps("2025-03-09T05:00:00Z", "10"); // 03-09 00:00 EST
    user.steps("2025-03-10T03:59:00Z", "10"); // 03-09 23:59 EDT: same day, no change
    user.steps("2025-03-10T04:00:00Z", "10"); // 03-10 00:00 EDT
    assertThat(user.length()).isEqualTo(3);
  }

  @Test
  @DisplayName("FREEZE-4, TIME-8: accrual at the local midnight of a DST day")
  void accrualOnDstDay() {
    // New York, anchor 2025-03-08, interval 1: the midnight starting 03-09 is 05:00Z, 03-10 is
    // 04:00Z
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 0, 1, 1),
            "America/New_York",
            "2025-03-08T17:00:00Z");
    user.settle("2025-03-10T04:00:00Z");
    assertThat(user.effects())
        .containsExactly(
            new FreezeEarned(1, 1, FreezeChange.ACCRUAL, Instant.parse("2025-03-09T05:00:00Z")),
            new FreezeEarned(1, 2, FreezeChange.ACCRUAL, Instant.parse("2025-03-10T04:00:00Z")));
  }
}
