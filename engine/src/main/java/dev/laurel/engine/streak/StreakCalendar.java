package dev.laurel.engine.streak;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * Period arithmetic for one frequency (STREAK-2, TIME-4): days, Sunday–Saturday weeks, calendar
 * months, all in local dates. Local dates and instants convert per TIME-8.
 */
public record StreakCalendar(Frequency frequency) {

  /** The period that contains {@code date}. */
  public StreakPeriod periodContaining(LocalDate date) {
    return switch (frequency) {
      case DAILY -> new StreakPeriod(date, date);
      case WEEKLY -> {
        LocalDate sunday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        yield new StreakPeriod(sunday, sunday.plusDays(6));
      }
      case MONTHLY -> {
        LocalDate first = date.withDayOfMonth(1);
        yield new StreakPeriod(first, first.plusMonths(1).minusDays(1));
      }
    };
  }

  /** The period right after {@code period}. */
  public StreakPeriod following(StreakPeriod period) {
    return periodContaining(period.end().plusDays(1));
  }

  /** The period right before {@code period}. */
  public StreakPeriod preceding(StreakPeriod period) {
    return periodContaining(period.start().minusDays(1));
  }

  /** The period {@code count} periods before {@code period} (0 gives {@code period} itself). */
  public StreakPeriod periodsBefore(StreakPeriod period, int count) {
    LocalDate start = period.start();
    return periodContaining(
        switch (frequency) {
          case DAILY -> start.minusDays(count);
          case WEEKLY -> start.minusWeeks(count);
          case MONTHLY -> start.minusMonths(count);
        });
  }

  /** The local date of {@code instant} in {@code zone}. */
  public static LocalDate localDate(Instant instant, ZoneId zone) {
    return LocalDate.ofInstant(instant, zone);
  }

  /**
   * The first instant of {@code date} in {@code zone}: local midnight, or the first instant after a
   * daylight-saving gap that skips midnight (TIME-8).
   */
  public static Instant startOfDay(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toInstant();
  }
}
