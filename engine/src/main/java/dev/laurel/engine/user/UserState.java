package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id), the achievement progress and the streak state
 * ({@code null} for a user stored before streaks existed; see {@code UserStreaks.state}). Features
 * add their own state here; every {@code with…} method carries every component.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    AchievementProgress achievements,
    StreakState streak) {

  public UserState {
    totals = Map.copyOf(totals);
  }

  /** A new user: no achievement progress and no stored streak state. */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE, null);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements, streak);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements, streak);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements, streak);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next, streak);
  }

  public UserState withStreak(StreakState next) {
    return new UserState(profile, preferences, totals, achievements, next);
  }
}
