package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.StreakCalendar.localDate;
import static dev.laurel.engine.streak.StreakCalendar.startOfDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Brings a user's state up to an instant: every local midnight since the last settlement, in order,
 * processes the boundary of the period it ends (STREAK-8) and then the freeze accrual due that day
 * (FREEZE-4). Midnights are derived from the state alone, so settling once after idle days gives
 * the same state as settling at every midnight, and settling twice at one instant changes nothing.
 */
final class Settlement {

  private final StreakRules rules;
  private final WorkingState state;

  private Settlement(StreakRules rules, WorkingState state) {
    this.rules = rules;
    this.state = state;
  }

  /**
   * Settles {@code state} up to {@code now} (never backwards) in {@code zone}. A zone different
   * from the state's is treated as a change at {@code now}: midnights up to {@code now} are
   * processed in the old zone first, then the user's local date moves to the new zone's (TIME-6,
   * STREAK-14).
   */
  static void advance(StreakRules rules, WorkingState state, ZoneId zone, Instant now) {
    new Settlement(rules, state).run(zone, now);
  }

  private void run(ZoneId zone, Instant now) {
    Instant until = now.isBefore(state.settledAt) ? state.settledAt : now;
    ZoneId previous = state.zone;
    pinAutoEarnAnchor();
    boolean switchFrequency = state.frequency != rules.config().frequency();
    boolean boundaries = rules.active() && !switchFrequency;
    walk(previous, until, boundaries, false);
    if (!zone.equals(previous)) {
      walk(zone, until, boundaries, true);
    }
    state.zone = zone;
    state.settledAt = until;
    if (switchFrequency) {
      Recomputation.run(rules, state);
    }
    if (!rules.active()) {
      state.stopStreak();
      state.periodExtended = false;
    }
  }

  /**
   * Processes the midnights starting each local date after {@code state.currentDate} up to the
   * local date of {@code until} in {@code zone}. With {@code jump} (a zone change), they all happen
   * at {@code until}, and periods the user never entered are skipped rather than missed.
   */
  private void walk(ZoneId zone, Instant until, boolean boundaries, boolean jump) {
    LocalDate target = localDate(until, zone);
    LocalDate entered = state.currentDate;
    StreakCalendar calendar = state.calendar();
    for (LocalDate day = state.currentDate.plusDays(1);
        !day.isAfter(target);
        day = day.plusDays(1)) {
      Instant midnight = jump ? until : startOfDay(day, zone);
      StreakPeriod period = calendar.periodContaining(state.currentDate);
      if (day.isAfter(period.end())) {
        if (boundaries) {
          close(period, midnight, jump && period.start().isAfter(entered));
        }
        state.periodExtended = false;
      }
      state.currentDate = day;
      if (rules.active()) {
        accrue(day, midnight);
      }
    }
  }

  /** STREAK-8 at the end of {@code period}: extended, else pause, then freeze, then loss. */
  private void close(StreakPeriod period, Instant boundary, boolean neverEntered) {
    if (state.length == 0) {
      return;
    }
    if (neverEntered) {
      state.record(period, PeriodOutcome.SKIPPED);
    } else if (state.periodExtended) {
      state.record(period, PeriodOutcome.EXTENDED);
    } else if (state.pauseCovers(period, boundary)) {
      state.record(period, PeriodOutcome.PAUSED);
    } else if (rules.freezesOn() && state.freezes > 0) {
      state.changeFreezes(FreezeChange.CONSUMPTION, -1, boundary);
      state.record(period, PeriodOutcome.FROZEN);
      state.emit(new StreakEffect.FreezeConsumed(1, state.freezes, period.start(), boundary));
    } else {
      state.emit(new StreakEffect.Lost(state.length, period.start(), boundary));
      state.stopStreak();
    }
  }

  /** FREEZE-4: at the midnight starting {@code day}, after that midnight's boundary. */
  private void accrue(LocalDate day, Instant midnight) {
    FreezeConfig freezes = rules.config().freezes();
    if (!freezes.earnsAutomatically()
        || !isAccrualDay(state.autoEarnAnchor.anchor(), freezes.autoEarn(), day)) {
      return;
    }
    int gain =
        Math.max(0, Math.min(freezes.autoEarn().amount(), freezes.maxFreezes() - state.freezes));
    if (gain > 0) {
      state.changeFreezes(FreezeChange.ACCRUAL, gain, midnight);
      state.emit(
          new StreakEffect.FreezeEarned(gain, state.freezes, FreezeChange.ACCRUAL, midnight));
    }
  }

  private static boolean isAccrualDay(LocalDate anchor, AutoEarn autoEarn, LocalDate day) {
    return day.isAfter(anchor)
        && ChronoUnit.DAYS.between(anchor, day) % autoEarn.intervalDays() == 0;
  }

  /**
   * FREEZE-4's anchor: the later of the creation date and the local date auto-earn was enabled,
   * computed once per {@link AutoEarn#enabledAt()} in the zone in force when first seen.
   */
  private void pinAutoEarnAnchor() {
    FreezeConfig freezes = rules.config().freezes();
    if (freezes.earnsAutomatically()) {
      state.autoEarnAnchor = anchorFor(state, freezes.autoEarn());
    }
  }

  static AutoEarnAnchor anchorFor(WorkingState state, AutoEarn autoEarn) {
    AutoEarnAnchor pinned = state.autoEarnAnchor;
    Instant enabledAt = autoEarn.enabledAt();
    if (pinned != null && Objects.equals(pinned.enabledAt(), enabledAt)) {
      return pinned;
    }
    LocalDate anchor = state.createdOn;
    if (enabledAt != null && localDate(enabledAt, state.zone).isAfter(anchor)) {
      anchor = localDate(enabledAt, state.zone);
    }
    return new AutoEarnAnchor(anchor, enabledAt);
  }
}
