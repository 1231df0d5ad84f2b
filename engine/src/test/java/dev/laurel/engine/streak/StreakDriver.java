package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays one user against the engine the way the server will: a hand-moved clock, a stored state,
 * the user's zone and preferences, and every effect collected in order.
 */
final class StreakDriver {

  final ManualClock clock;
  StreakEngine engine;
  StreakPrefs prefs = StreakPrefs.NONE;
  StreakState state;
  ZoneId zone;
  private final List<StreakEffect> effects = new ArrayList<>();

  private StreakDriver(StreakConfig config, String zone, String createdAt) {
    this.clock = new ManualClock(createdAt);
    this.engine = new StreakEngine(config);
    this.zone = ZoneId.of(zone);
    apply(engine.created(this.zone, clock.instant()));
  }

  /** A user created at {@code createdAt} (an ISO instant) in {@code zone}. */
  static StreakDriver user(StreakConfig config, String zone, String createdAt) {
    return new StreakDriver(config, zone, createdAt);
  }

  /** An event at {@code at} (ISO instant); returns the event's outcome. */
  StreakOutcome event(String at, String metricId, String value) {
    clock.set(at);
    return apply(
        engine.onEvent(prefs, state, metricId, new BigDecimal(value), zone, clock.instant()));
  }

  StreakOutcome steps(String at, String value) {
    return event(at, Configs.STEPS, value);
  }

  StreakOutcome settle(String at) {
    clock.set(at);
    return apply(engine.settle(prefs, state, zone, clock.instant()));
  }

  StreakView view(String at) {
    return view(at, 7);
  }

  StreakView view(String at, int historyPeriods) {
    clock.set(at);
    return engine.view(prefs, state, zone, clock.instant(), historyPeriods);
  }

  /**
   * The user's tz changes at {@code at}: the server settles with the new zone right then (the state
   * still holds the old one).
   */
  void moveTo(String at, String newZone) {
    zone = ZoneId.of(newZone);
    settle(at);
  }

  /**
   * The scope's configuration changes at {@code at}: settled under the old one, then under the new
   * one at the same instant (as the server's sweep does promptly, see nextSettlement).
   */
  void reconfigure(String at, StreakConfig config) {
    settle(at);
    engine = new StreakEngine(config);
    settle(at);
  }

  /** The user's preferences change at {@code at}: settled under the old ones, then the new ones. */
  void setPrefs(String at, StreakPrefs newPrefs) {
    settle(at);
    prefs = newPrefs;
    settle(at);
  }

  StreakResult addPause(String at, String id, String start, String end) {
    clock.set(at);
    return applyResult(
        engine.addPause(
            prefs, state, id, LocalDate.parse(start), LocalDate.parse(end), zone, clock.instant()));
  }

  StreakResult archivePause(String at, String id) {
    clock.set(at);
    return applyResult(engine.archivePause(prefs, state, id, zone, clock.instant()));
  }

  StreakResult restore(String at) {
    clock.set(at);
    return applyResult(engine.restore(prefs, state, zone, clock.instant()));
  }

  FreezeGrant grant(String at, int count) {
    clock.set(at);
    FreezeGrant grant = engine.grantFreezes(prefs, state, count, zone, clock.instant());
    apply(grant.outcome());
    return grant;
  }

  int length() {
    return state.length();
  }

  /** The effects collected since the last call. */
  List<StreakEffect> effects() {
    List<StreakEffect> drained = List.copyOf(effects);
    effects.clear();
    return drained;
  }

  private StreakResult applyResult(StreakResult result) {
    if (result instanceof StreakResult.Applied applied) {
      apply(applied.outcome());
    }
    return result;
  }

  private StreakOutcome apply(StreakOutcome outcome) {
    state = outcome.state();
    effects.addAll(outcome.effects());
    return outcome;
  }
}
