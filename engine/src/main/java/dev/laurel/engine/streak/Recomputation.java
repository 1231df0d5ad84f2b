package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.StreakCalendar.startOfDay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * STREAK-21: rebuilds the streak for the configured frequency from the per-date activity and the
 * pauses, as if that frequency had always been configured. It starts with the first period that the
 * retained activity fully covers (or the user's first period), evaluates each period with the
 * condition in force now, covers missed periods only by pauses (no freeze is consumed, the balance
 * is unchanged) and emits nothing. Periods that a zone change skipped are not known any more and
 * are evaluated like others.
 */
final class Recomputation {

  private Recomputation() {}

  static void run(StreakRules rules, WorkingState state) {
    StreakCalendar calendar = rules.calendar();
    state.frequency = rules.config().frequency();
    state.periods.clear();
    state.stopStreak();
    state.periodExtended = false;
    StreakPeriod current = calendar.periodContaining(state.currentDate);
    for (StreakPeriod period = firstPeriod(calendar, state);
        period.start().isBefore(current.start());
        period = calendar.following(period)) {
      Optional<DailyActivity> satisfying = firstSatisfyingDay(rules, state, period);
      if (satisfying.isPresent()) {
        state.extend(satisfying.get().date(), satisfying.get().lastEventAt(), false);
        state.record(period, PeriodOutcome.EXTENDED);
      } else if (state.length > 0) {
        if (state.pauseCovers(period, startOfDay(period.end().plusDays(1), state.zone))) {
          state.record(period, PeriodOutcome.PAUSED);
        } else {
          state.stopStreak();
        }
      }
      state.periodExtended = false;
    }
    firstSatisfyingDay(rules, state, current)
        .ifPresent(day -> state.extend(day.date(), day.lastEventAt(), false));
  }

  private static StreakPeriod firstPeriod(StreakCalendar calendar, WorkingState state) {
    LocalDate horizon = state.currentDate.minusDays(StreakState.ACTIVITY_DAYS);
    if (!state.createdOn.isBefore(horizon)) {
      return calendar.periodContaining(state.createdOn);
    }
    StreakPeriod period = calendar.periodContaining(horizon);
    return period.start().isBefore(horizon) ? calendar.following(period) : period;
  }

  /** The first date of {@code period} by which the running sums satisfy the condition. */
  private static Optional<DailyActivity> firstSatisfyingDay(
      StreakRules rules, WorkingState state, StreakPeriod period) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (DailyActivity day :
        state.activity.subMap(period.start(), true, period.end(), true).values()) {
      day.sums().forEach((metric, sum) -> sums.merge(metric, sum, BigDecimal::add));
      if (rules.satisfiedBy(sums)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }
}
