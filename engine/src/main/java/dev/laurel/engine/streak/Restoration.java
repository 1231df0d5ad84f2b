package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;

/** RESTORE-2..5: restores the longest streak reached within the frequency's window. */
final class Restoration {

  private static final int DAILY_WINDOW_DAYS = 90;

  private Restoration() {}

  /** Applies the restore to a settled state; {@code false} when there is nothing to restore. */
  static boolean apply(StreakRules rules, WorkingState state, Instant now) {
    if (!rules.active()) {
      return false;
    }
    StreakCalendar calendar = state.calendar();
    StreakPeriod current = state.currentPeriod();
    LocalDate windowStart = windowStart(state.frequency, calendar, state.currentDate);
    Optional<PeriodRecord> best =
        state.periods.subMap(windowStart, true, current.start(), false).values().stream()
            .max(
                Comparator.comparingInt(PeriodRecord::length)
                    .thenComparing(PeriodRecord::periodStart));
    if (best.isEmpty() || best.get().length() <= state.length) {
      return false;
    }
    PeriodRecord target = best.get();
    coverGap(calendar, state, target, current);
    boolean satisfied = state.periodExtended || rules.satisfiedBy(state.sumsOver(current));
    Instant lastExtension = state.periodExtended ? state.extendedAt : now;
    state.length = target.length();
    state.started = target.started();
    state.extendedAt = target.extendedAt();
    state.periodExtended = false;
    if (satisfied) {
      state.length++;
      state.periodExtended = true;
      state.extendedAt = lastExtension;
    }
    return true;
  }

  /** RESTORE-2: the first period start of the restore window. */
  static LocalDate windowStart(Frequency frequency, StreakCalendar calendar, LocalDate today) {
    return switch (frequency) {
      case DAILY -> today.minusDays(DAILY_WINDOW_DAYS);
      case WEEKLY -> calendar.periodContaining(today.withDayOfYear(1)).start();
      case MONTHLY -> today.withDayOfYear(1).minusYears(1);
    };
  }

  /**
   * RESTORE-4: the periods between the one where the target length was reached and the current one
   * count as covered at that length (kept as they are where they already had it).
   */
  private static void coverGap(
      StreakCalendar calendar, WorkingState state, PeriodRecord target, StreakPeriod current) {
    StreakPeriod period = calendar.following(calendar.periodContaining(target.periodStart()));
    for (; period.start().isBefore(current.start()); period = calendar.following(period)) {
      PeriodRecord existing = state.periods.get(period.start());
      if (existing == null || existing.length() < target.length()) {
        state.periods.put(
            period.start(),
            new PeriodRecord(
                period.start(),
                target.length(),
                PeriodOutcome.RESTORED,
                target.started(),
                target.extendedAt()));
      }
    }
  }
}
