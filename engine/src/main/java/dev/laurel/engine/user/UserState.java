package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.points.PointsState;
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
    AchievementProgress achievements,
    PointsState points) {

  public UserState {
    totals = Map.copyOf(totals);
    points = points == null ? PointsState.EMPTY : points;
  }

  /** A state without achievement progress or points (a new user). */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE, PointsState.EMPTY);
  }

  /** A state without points. */
  public UserState(
      UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals, AchievementProgress achievements) {
    this(profile, preferences, totals, achievements, PointsState.EMPTY);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements, points);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements, points);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements, points);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next, points);
  }

  public UserState withPoints(PointsState next) {
    return new UserState(profile, preferences, totals, achievements, next);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }
}
