package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A mutable copy of {@link StreakState} used while one operation runs, plus its effects. */
final class WorkingState {

  final LocalDate createdOn;
  ZoneId zone;
  Instant settledAt;
  LocalDate currentDate;
  Frequency frequency;
  int length;
  LocalDate started;
  Instant extendedAt;
  boolean periodExtended;
  final NavigableMap<LocalDate, PeriodRecord> periods = new TreeMap<>();
  final NavigableMap<LocalDate, DailyActivity> activity = new TreeMap<>();
  int freezes;
  final List<FreezeLedgerEntry> freezeLedger;
  AutoEarnAnchor autoEarnAnchor;
  final List<StreakPause> pauses;
  private final List<StreakEffect> effects = new ArrayList<>();

  WorkingState(StreakState state) {
    createdOn = state.createdOn();
    zone = ZoneId.of(state.zone());
    settledAt = state.settledAt();
    currentDate = state.currentDate();
    frequency = state.frequency();
    length = state.length();
    started = state.started();
    extendedAt = state.extendedAt();
    periodExtended = state.periodExtended();
    state.periods().forEach(p -> periods.put(p.periodStart(), p));
    state.activity().forEach(a -> activity.put(a.date(), a));
    freezes = state.freezes();
    freezeLedger = new ArrayList<>(state.freezeLedger());
    autoEarnAnchor = state.autoEarnAnchor();
    pauses = new ArrayList<>(state.pauses());
  }

  StreakCalendar calendar() {
    return new StreakCalendar(frequency);
  }

  StreakPeriod currentPeriod() {
    return calendar().periodContaining(currentDate);
  }

  /** Extends the current period (STREAK-6); emits Started/Extended when {@code notify}. */
  void extend(LocalDate date, Instant at, boolean notify) {
    periodExtended = true;
    extendedAt = at;
    length++;
    if (length == 1) {
      started = date;
      if (notify) {
        emit(new StreakEffect.Started(date, at));
      }
    } else if (notify) {
      emit(new StreakEffect.Extended(length, at));
    }
  }

  /** Ends the running streak without a trace (loss is emitted by the caller when it is one). */
  void stopStreak() {
    length = 0;
    started = null;
    extendedAt = null;
  }

  /** Records that {@code period} closed with the streak running. */
  void record(StreakPeriod period, PeriodOutcome outcome) {
    periods.put(
        period.start(), new PeriodRecord(period.start(), length, outcome, started, extendedAt));
  }

  void changeFreezes(FreezeChange change, int delta, Instant at) {
    freezes += delta;
    freezeLedger.add(new FreezeLedgerEntry(at, change, delta, freezes));
  }

  void addActivity(LocalDate date, String metricId, BigDecimal value, Instant at) {
    DailyActivity day = activity.getOrDefault(date, new DailyActivity(date, Map.of(), at));
    activity.put(date, day.plus(metricId, value, at));
  }

  /** STREAK-3: per-metric sums of the period's dates. */
  Map<String, BigDecimal> sumsOver(StreakPeriod period) {
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (DailyActivity day : activity.subMap(period.start(), true, period.end(), true).values()) {
      day.sums().forEach((metric, sum) -> sums.merge(metric, sum, BigDecimal::add));
    }
    return sums;
  }

  /** PAUSE-3: an active pause shares a date with {@code period} at the boundary instant. */
  boolean pauseCovers(StreakPeriod period, Instant boundary) {
    return pauses.stream().anyMatch(p -> p.activeAt(boundary) && p.overlaps(period));
  }

  /** Adds an effect; consecutive freeze consumptions merge into one (FREEZE-5). */
  void emit(StreakEffect effect) {
    int last = effects.size() - 1;
    if (effect instanceof StreakEffect.FreezeConsumed next
        && last >= 0
        && effects.get(last) instanceof StreakEffect.FreezeConsumed previous) {
      effects.set(
          last,
          new StreakEffect.FreezeConsumed(
              previous.consumed() + next.consumed(),
              next.freezes(),
              next.periodStart(),
              next.at()));
    } else {
      effects.add(effect);
    }
  }

  StreakOutcome outcome() {
    return new StreakOutcome(toState(), effects);
  }

  /** The immutable state, trimmed to the bounds documented on {@link StreakState}. */
  StreakState toState() {
    StreakCalendar calendar = calendar();
    LocalDate oldestPeriod =
        calendar.periodsBefore(currentPeriod(), StreakState.HISTORY_PERIODS).start();
    LocalDate oldestDay = currentDate.minusDays(StreakState.ACTIVITY_DAYS);
    Instant oldestEntry = settledAt.minus(Duration.ofDays(StreakState.ACTIVITY_DAYS));
    return new StreakState(
        createdOn,
        zone.getId(),
        settledAt,
        currentDate,
        frequency,
        length,
        started,
        extendedAt,
        periodExtended,
        List.copyOf(periods.tailMap(oldestPeriod, true).values()),
        List.copyOf(activity.tailMap(oldestDay, true).values()),
        freezes,
        freezeLedger.stream().filter(e -> !e.at().isBefore(oldestEntry)).toList(),
        autoEarnAnchor,
        pauses.stream().filter(p -> !p.end().isBefore(oldestDay)).toList());
  }
}
