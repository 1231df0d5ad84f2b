package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.StreakCalendar.localDate;
import static dev.laurel.engine.streak.StreakCalendar.startOfDay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The streak state machine for one scope's configuration (BEHAVIOR.md §16). Pure: every method
 * takes the user's preferences, state, current time zone and the current instant and returns new
 * values; nothing is read from a clock or stored.
 *
 * <p>Every operation first settles the state up to {@code now} (boundaries, accruals, a zone or
 * frequency change) and reports those effects too, so callers may but need not call {@link #settle}
 * first. The state remembers the zone it was last settled in; a different {@code zone} is taken to
 * have changed at {@code now} (TIME-6, STREAK-14), so when a user's tz changes the caller settles
 * with the new zone at that moment (EVENT-4 does so naturally: settle, upsert, then {@link
 * #onEvent} with the new zone at the same instant).
 */
public final class StreakEngine {

  private final StreakConfig config;

  /**
   * @throws IllegalArgumentException if {@code config} has {@link StreakConfig#problems()}
   */
  public StreakEngine(StreakConfig config) {
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid streak configuration: " + problems);
    }
    this.config = config;
  }

  public StreakConfig config() {
    return config;
  }

  /** USER-4, FREEZE-3: the state of a user created at {@code now}, with the initial freezes. */
  public StreakOutcome created(ZoneId zone, Instant now) {
    LocalDate today = localDate(now, zone);
    WorkingState state =
        new WorkingState(StreakState.initial(today, zone, now, config.frequency()));
    FreezeConfig freezes = config.freezes();
    int initial = Math.min(freezes.initialFreezes(), freezes.maxFreezes());
    if (config.enabled() && freezes.enabled() && initial > 0) {
      state.changeFreezes(FreezeChange.INITIAL, initial, now);
      state.emit(new StreakEffect.FreezeEarned(initial, initial, FreezeChange.INITIAL, now));
    }
    return state.outcome();
  }

  /**
   * STREAK-8, STREAK-9, FREEZE-4, STREAK-14, STREAK-21: processes every local midnight up to {@code
   * now}. Idempotent, and settling once equals settling at every midnight.
   */
  public StreakOutcome settle(StreakPrefs prefs, StreakState state, ZoneId zone, Instant now) {
    return settled(prefs, state, zone, now).outcome();
  }

  /**
   * EVENT-4 step 4, STREAK-3..7: adds one event's value to today's sums and extends the current
   * period the first time its condition is met. Events on metrics that are neither configured nor
   * in the user's override change nothing.
   */
  public StreakOutcome onEvent(
      StreakPrefs prefs,
      StreakState state,
      String metricId,
      BigDecimal value,
      ZoneId zone,
      Instant now) {
    StreakRules rules = new StreakRules(config, prefs);
    WorkingState working = settled(prefs, state, zone, now);
    if (!rules.active() || !rules.tracks(metricId)) {
      return working.outcome();
    }
    Instant at = working.settledAt;
    LocalDate date = localDate(at, zone);
    working.addActivity(date, metricId, value, at);
    StreakPeriod current = working.currentPeriod();
    if (!working.periodExtended
        && current.contains(date)
        && rules.satisfiedBy(working.sumsOver(current))) {
      working.extend(date, at, true);
    }
    return working.outcome();
  }

  /**
   * GET streak, event and webhook payloads (STREAK-12..17, STREAK-24, FREEZE-7, PAUSE-7, EVENT-6).
   */
  public StreakView view(
      StreakPrefs prefs, StreakState state, ZoneId zone, Instant now, int historyPeriods) {
    if (historyPeriods < 1 || historyPeriods > 365) {
      throw new IllegalArgumentException(
          "historyPeriods must be between 1 and 365, got " + historyPeriods);
    }
    WorkingState working = settled(prefs, state, zone, now);
    return new ViewAssembler(new StreakRules(config, prefs), working, working.settledAt)
        .view(historyPeriods);
  }

  /**
   * FREEZE-6: grants {@code requested} freezes one by one until the balance reaches {@code
   * maxFreezes}; the rest are refused. The caller answers 422 when freezes are disabled.
   */
  public FreezeGrant grantFreezes(
      StreakPrefs prefs, StreakState state, int requested, ZoneId zone, Instant now) {
    if (!config.freezes().enabled()) {
      throw new IllegalStateException("Streak freezes are not enabled");
    }
    WorkingState working = settled(prefs, state, zone, now);
    int granted = Math.max(0, Math.min(requested, config.freezes().maxFreezes() - working.freezes));
    if (granted > 0) {
      working.changeFreezes(FreezeChange.GRANT, granted, working.settledAt);
      if (new StreakRules(config, prefs).active()) {
        working.emit(
            new StreakEffect.FreezeEarned(
                granted, working.freezes, FreezeChange.GRANT, working.settledAt));
      }
    }
    return new FreezeGrant(working.outcome(), granted, requested - granted);
  }

  /**
   * PAUSE-1: adds pause {@code id} over {@code start..end}, unless {@code start} is before the
   * user's local today or {@code end} before {@code start}.
   */
  public StreakResult addPause(
      StreakPrefs prefs,
      StreakState state,
      String id,
      LocalDate start,
      LocalDate end,
      ZoneId zone,
      Instant now) {
    if (start.isBefore(localDate(now, zone))) {
      return new StreakResult.Refused(StreakResult.Severity.ERROR, StreakResult.START_IN_PAST);
    }
    if (end.isBefore(start)) {
      return new StreakResult.Refused(StreakResult.Severity.ERROR, StreakResult.END_BEFORE_START);
    }
    WorkingState working = settled(prefs, state, zone, now);
    if (working.pauses.stream().anyMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException("pause id already used: " + id);
    }
    working.pauses.add(new StreakPause(id, start, end, null));
    return new StreakResult.Applied(working.outcome());
  }

  /** PAUSE-6: archives an active pause; boundaries up to {@code now} were covered by it. */
  public StreakResult archivePause(
      StreakPrefs prefs, StreakState state, String id, ZoneId zone, Instant now) {
    WorkingState working = settled(prefs, state, zone, now);
    for (int i = 0; i < working.pauses.size(); i++) {
      StreakPause pause = working.pauses.get(i);
      if (pause.id().equals(id) && pause.archivedAt() == null) {
        working.pauses.set(i, new StreakPause(id, pause.start(), pause.end(), working.settledAt));
        return new StreakResult.Applied(working.outcome());
      }
    }
    return new StreakResult.Refused(StreakResult.Severity.ERROR, StreakResult.PAUSE_NOT_FOUND);
  }

  /** RESTORE-2..5: restores the longest streak of the window, without effects of its own. */
  public StreakResult restore(StreakPrefs prefs, StreakState state, ZoneId zone, Instant now) {
    WorkingState working = settled(prefs, state, zone, now);
    if (!Restoration.apply(new StreakRules(config, prefs), working, working.settledAt)) {
      return new StreakResult.Refused(
          StreakResult.Severity.WARNING, StreakResult.NOTHING_TO_RESTORE);
    }
    return new StreakResult.Applied(working.outcome());
  }

  /**
   * When the background sweep (STREAK-9, WH-17) should settle this user next: the midnight ending
   * the current period of a running streak or the next accrual midnight, whichever is first; now if
   * a frequency switch is pending; empty when nothing time-driven can happen.
   */
  public Optional<Instant> nextSettlement(StreakPrefs prefs, StreakState state) {
    StreakRules rules = new StreakRules(config, prefs);
    if (!rules.active()) {
      return Optional.empty();
    }
    if (state.frequency() != config.frequency()) {
      return Optional.of(state.settledAt());
    }
    WorkingState working = new WorkingState(state);
    List<Instant> candidates = new ArrayList<>(2);
    if (working.length > 0) {
      candidates.add(startOfDay(working.currentPeriod().end().plusDays(1), working.zone));
    }
    FreezeConfig freezes = config.freezes();
    if (freezes.earnsAutomatically()) {
      LocalDate anchor = Settlement.anchorFor(working, freezes.autoEarn()).anchor();
      int interval = freezes.autoEarn().intervalDays();
      LocalDate from = working.currentDate.isBefore(anchor) ? anchor : working.currentDate;
      long elapsed = ChronoUnit.DAYS.between(anchor, from);
      candidates.add(
          startOfDay(anchor.plusDays((elapsed / interval + 1) * interval), working.zone));
    }
    return candidates.stream().min(Instant::compareTo);
  }

  private WorkingState settled(StreakPrefs prefs, StreakState state, ZoneId zone, Instant now) {
    WorkingState working = new WorkingState(state);
    Settlement.advance(new StreakRules(config, prefs), working, zone, now);
    return working;
  }
}
