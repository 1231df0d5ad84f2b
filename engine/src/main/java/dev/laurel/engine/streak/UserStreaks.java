package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.StreakCalendar.localDate;

import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.StreakSummary;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The streak engine applied to a stored user: the user's zone (TIME-2), preferences mapped to
 * {@link StreakPrefs} (STREAK-19, STREAK-20) and state, with the scope's configuration. Every
 * caller outside the event pipeline (reads, admin commands, preference and tz changes, the sweep)
 * goes through here so that all of them settle the same way.
 */
public final class UserStreaks {

  private UserStreaks() {}

  /**
   * The streak preferences of {@code preferences}: metric keys resolved to ids in {@code config};
   * keys of metrics that no longer exist are dropped (an override left empty is no override).
   */
  public static StreakPrefs prefs(Preferences preferences, ScopeConfig config) {
    List<MetricThreshold> metrics = null;
    if (preferences.streakMetrics() != null) {
      metrics = new ArrayList<>();
      for (Preferences.StreakMetricPreference m : preferences.streakMetrics()) {
        Metric metric = config.metricByKey(m.key());
        if (metric != null) {
          metrics.add(new MetricThreshold(metric.id(), m.threshold()));
        }
      }
    }
    EvaluationMode mode =
        preferences.streakEvaluationMode() == null
            ? null
            : EvaluationMode.valueOf(preferences.streakEvaluationMode());
    return new StreakPrefs(preferences.streakEnabled(), mode, metrics);
  }

  public static StreakPrefs prefs(UserState user, ScopeConfig config) {
    return prefs(user.preferences(), config);
  }

  /** The user's stored state, or the state of a user without streak history when none is stored. */
  public static StreakState state(UserState user, ScopeConfig config) {
    if (user.streak() != null) {
      return user.streak();
    }
    UserProfile profile = user.profile();
    ZoneId zone = profile.zone();
    return StreakState.initial(
        localDate(profile.created(), zone), zone, profile.created(), config.streak().frequency());
  }

  /** USER-4 step 2, FREEZE-3: the state of a user created at {@code now}. */
  public static StreakOutcome created(ScopeConfig config, UserProfile profile, Instant now) {
    return config.streaks().created(profile.zone(), now);
  }

  /**
   * The user after a profile write outside events ({@code PUT /users}, an API achievement
   * completion): a new user ({@code state} null) with its initial streak state (USER-4 step 2), or
   * {@code state} with the new profile and, when the tz changed, its streak settled into the new
   * zone (TIME-6). Every other component of {@code state} is kept.
   */
  public static UserState withProfile(
      ScopeConfig config, UserState state, UserProfile profile, Preferences prefs, Instant now) {
    if (state == null) {
      return new UserState(profile, prefs, Map.of()).withStreak(created(config, profile, now).state());
    }
    UserState moved = state.withProfile(profile);
    if (Objects.equals(state.profile().tz(), profile.tz())) {
      return moved;
    }
    return moved.withStreak(settle(config, moved, now).state());
  }

  /** ACH-16: the user's current streak length, settled in memory up to {@code now}. */
  public static int currentLength(ScopeConfig config, UserState user, Instant now) {
    return view(config, user, now, 1).length();
  }

  /** STREAK-8, STREAK-9, FREEZE-4: the user's state settled up to {@code now} in the current zone. */
  public static StreakOutcome settle(ScopeConfig config, UserState user, Instant now) {
    return config.streaks().settle(prefs(user, config), state(user, config), user.profile().zone(), now);
  }

  /** GET streak and the other reads (STREAK-9: settled in memory up to {@code now}). */
  public static StreakView view(
      ScopeConfig config, UserState user, Instant now, int historyPeriods) {
    return config
        .streaks()
        .view(prefs(user, config), state(user, config), user.profile().zone(), now, historyPeriods);
  }

  /** The sweep instant of the user's state (STREAK-9, WH-17); empty when nothing is due. */
  public static Optional<Instant> nextSettlement(ScopeConfig config, UserState user) {
    return config.streaks().nextSettlement(prefs(user, config), state(user, config));
  }

  /** STREAK-16, EVENT-6: the event response's streak object, from a view. */
  public static StreakSummary summary(StreakView view, boolean extended) {
    return new StreakSummary(
        view.length(),
        wire(view.frequency()),
        view.started(),
        view.periodStart(),
        view.periodEnd(),
        view.expires(),
        view.freezes(),
        view.maxFreezes(),
        view.freezeAutoEarnInterval(),
        view.freezeAutoEarnAmount(),
        extended);
  }

  /** The wire spelling of a frequency ({@code daily}, {@code weekly}, {@code monthly}). */
  public static String wire(Frequency frequency) {
    return frequency.name().toLowerCase(Locale.ROOT);
  }
}
