package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences and the metric totals (by metric id). Features add their own state here.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    AchievementProgress achievements) {

  public UserState {
    totals = Map.copyOf(totals);
  }

  /** A state without achievement progress (a new user). */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }
}
