package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreakCalendarTest {

  @ParameterizedTest(name = "{0} {1} is in {2}..{3}")
  @DisplayName("STREAK-2, TIME-4: days, Sunday–Saturday weeks, calendar months")
  @CsvSource({
    "DAILY,   2025-04-02, 2025-04-02, 2025-04-02",
    "WEEKLY,  2025-04-05, 2025-03-30, 2025-04-05", // Saturday: last day of its week
    "WEEKLY,  2025-04-06, 2025-04-06, 2025-04-12", // Sunday: first day of the next week
    "WEEKLY,  2025-01-01, 2024-12-29, 2025-01-04", // a week spanning New Year
    "MONTHLY, 2025-01-31, 2025-01-01, 2025-01-31",
    "MONTHLY, 2025-02-01, 2025-02-01, 2025-02-28",
    "MONTHLY, 2024-02-29, 2024-02-01, 2024-02-29", // leap year
    "MONTHLY, 2024-12-31, 2024-12-01, 2024-12-31",
  })
  void periodContaining(Frequency frequency, LocalDate date, LocalDate start, LocalDate end) {
    assertThat(new StreakCalendar(frequency).periodContaining(date))
        .isEqualTo(new StreakPeriod(start, end));
  }

  @ParameterizedTest(name = "{0}: after {1}..{2} comes {3}..{4}")
  @DisplayName("STREAK-2: following and preceding periods")
  @CsvSource({
    "DAILY,   2024-02-28, 2024-02-28, 2024-02-29, 2024-02-29",
    "WEEKLY,  2025-03-30, 2025-04-05, 2025-04-06, 2025-04-12",
    "MONTHLY, 2024-01-01, 2024-01-31, 2024-02-01, 2024-02-29",
    "MONTHLY, 2024-12-01, 2024-12-31, 2025-01-01, 2025-01-31",
  })
  void followingAndPreceding(
      Frequency frequency, LocalDate s1, LocalDate e1, LocalDate s2, LocalDate e2) {
    StreakCalendar calendar = new StreakCalendar(frequency);
    StreakPeriod first = new StreakPeriod(s1, e1);
    StreakPeriod second = new StreakPeriod(s2, e2);
    assertThat(calendar.following(first)).isEqualTo(second);
    assertThat(calendar.preceding(second)).isEqualTo(first);
    assertThat(calendar.periodsBefore(second, 1)).isEqualTo(first);
    assertThat(calendar.periodsBefore(second, 0)).isEqualTo(second);
  }

  @Test
  @DisplayName("STREAK-2: 365 periods back, per frequency")
  void periodsBefore() {
    LocalDate date = LocalDate.parse("2025-04-02");
    assertThat(
            new StreakCalendar(Frequency.DAILY)
                .periodsBefore(new StreakPeriod(date, date), 365)
                .start())
        .isEqualTo("2024-04-02");
    StreakCalendar weekly = new StreakCalendar(Frequency.WEEKLY);
    assertThat(weekly.periodsBefore(weekly.periodContaining(date), 52).start())
        .isEqualTo("2024-03-31");
    StreakCalendar monthly = new StreakCalendar(Frequency.MONTHLY);
    assertThat(monthly.periodsBefore(monthly.periodContaining(date), 14).start())
        .isEqualTo("2024-02-01");
  }

  @ParameterizedTest(name = "{1} in {0} starts at {2}, lasts {3}h")
  @DisplayName("TIME-8: a local day starts at its first instant and lasts 23, 24 or 25 hours")
  @CsvSource({
    "America/New_York, 2025-03-09, 2025-03-09T05:00:00Z, 23", // spring forward 02:00 → 03:00
    "America/New_York, 2025-03-10, 2025-03-10T04:00:00Z, 24",
    "America/New_York, 2025-11-02, 2025-11-02T04:00:00Z, 25", // fall back 02:00 → 01:00
    "Europe/London,    2025-03-30, 2025-03-30T00:00:00Z, 23", // 01:00 GMT → 02:00 BST
    "Europe/London,    2025-10-26, 2025-10-25T23:00:00Z, 25", // 02:00 BST → 01:00 GMT
    "America/Havana,   2025-03-09, 2025-03-09T05:00:00Z, 23", // midnight skipped: day starts 01:00
    "Pacific/Kiritimati, 2025-04-02, 2025-04-01T10:00:00Z, 24",
    "Etc/GMT+12,       2025-04-02, 2025-04-02T12:00:00Z, 24",
    "Asia/Kolkata,     2025-04-02, 2025-04-01T18:30:00Z, 24",
  })
  void startOfDay(ZoneId zone, LocalDate date, Instant start, long hours) {
    assertThat(StreakCalendar.startOfDay(date, zone)).isEqualTo(start);
    Instant next = StreakCalendar.startOfDay(date.plusDays(1), zone);
    assertThat(Duration.between(start, next)).isEqualTo(Duration.ofHours(hours));
    assertThat(StreakCalendar.localDate(start, zone)).isEqualTo(date);
    assertThat(StreakCalendar.localDate(start.minusNanos(1), zone)).isEqualTo(date.minusDays(1));
  }
}
