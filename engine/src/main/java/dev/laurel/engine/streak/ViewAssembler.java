package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.StreakCalendar.localDate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a {@link StreakView} from a settled state (STREAK-12..17, STREAK-24, FREEZE-7, PAUSE-7).
 */
final class ViewAssembler {

  private final StreakRules rules;
  private final WorkingState state;
  private final Instant now;

  ViewAssembler(StreakRules rules, WorkingState state, Instant now) {
    this.rules = rules;
    this.state = state;
    this.now = now;
  }

  StreakView view(int historyPeriods) {
    StreakPeriod current = state.currentPeriod();
    StreakStatus status = status(current);
    List<StreakView.HistoryEntry> history = history(current, status, historyPeriods);
    List<StreakView.PauseEntry> pauses = pauses();
    Frequency frequency = rules.config().frequency();
    if (!rules.active()) {
      return new StreakView(
          0, frequency, null, null, null, null, null, null, null, null, null, status, history,
          pauses);
    }
    FreezeConfig freezes = rules.config().freezes();
    AutoEarn autoEarn = freezes.earnsAutomatically() ? freezes.autoEarn() : null;
    boolean running = state.length > 0;
    return new StreakView(
        state.length,
        frequency,
        running ? state.started : null,
        current.start(),
        current.end(),
        running ? expires(current) : null,
        running ? state.extendedAt : null,
        freezes.enabled() ? state.freezes : null,
        freezes.enabled() ? freezes.maxFreezes() : null,
        autoEarn == null ? null : autoEarn.intervalDays(),
        autoEarn == null ? null : autoEarn.amount(),
        status,
        history,
        pauses);
  }

  /** STREAK-24. */
  private StreakStatus status(StreakPeriod current) {
    if (!rules.active() || state.length == 0) {
      return StreakStatus.NONE;
    }
    if (state.periodExtended) {
      return StreakStatus.EXTENDED;
    }
    return pausedNow(current) ? StreakStatus.PROTECTED : StreakStatus.AT_RISK;
  }

  private boolean pausedNow(StreakPeriod period) {
    return state.pauses.stream().anyMatch(p -> p.archivedAt() == null && p.overlaps(period));
  }

  /**
   * STREAK-12: the last date of the period after the last covered one. The current period counts as
   * covered when extended or paused; later periods count when an active pause overlaps them.
   */
  private LocalDate expires(StreakPeriod current) {
    if (!state.periodExtended && !pausedNow(current)) {
      return current.end();
    }
    StreakCalendar calendar = state.calendar();
    StreakPeriod next = calendar.following(current);
    LocalDate lastPaused = lastPausedDateFrom(next);
    while (lastPaused != null) {
      next = calendar.following(calendar.periodContaining(lastPaused));
      lastPaused = lastPausedDateFrom(next);
    }
    return next.end();
  }

  /** The latest end of the active pauses overlapping {@code period}, or {@code null}. */
  private LocalDate lastPausedDateFrom(StreakPeriod period) {
    return state.pauses.stream()
        .filter(p -> p.archivedAt() == null && p.overlaps(period))
        .map(StreakPause::end)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  /** STREAK-17: {@code count} consecutive periods ending with the current one, oldest first. */
  private List<StreakView.HistoryEntry> history(
      StreakPeriod current, StreakStatus status, int count) {
    StreakCalendar calendar = state.calendar();
    Boolean noFreeze = rules.freezesOn() ? Boolean.FALSE : null;
    List<StreakView.HistoryEntry> entries = new ArrayList<>(count);
    entries.add(
        new StreakView.HistoryEntry(
            current.start(),
            current.end(),
            rules.active() ? state.length : 0,
            noFreeze,
            status == StreakStatus.PROTECTED));
    StreakPeriod period = current;
    for (int i = 1; i < count; i++) {
      period = calendar.preceding(period);
      PeriodRecord record = state.periods.get(period.start());
      int length = record == null ? 0 : record.length();
      PeriodOutcome outcome = record == null ? null : record.outcome();
      Boolean usedFreeze = noFreeze == null ? null : outcome == PeriodOutcome.FROZEN;
      entries.add(
          new StreakView.HistoryEntry(
              period.start(), period.end(), length, usedFreeze, outcome == PeriodOutcome.PAUSED));
    }
    return entries.reversed();
  }

  /** PAUSE-7: active pauses ending today or later, by start then id. */
  private List<StreakView.PauseEntry> pauses() {
    LocalDate today = localDate(now, state.zone);
    return state.pauses.stream()
        .filter(p -> p.archivedAt() == null && !p.end().isBefore(today))
        .sorted(Comparator.comparing(StreakPause::start).thenComparing(StreakPause::id))
        .map(p -> new StreakView.PauseEntry(p.id(), p.start(), p.end()))
        .toList();
  }
}
