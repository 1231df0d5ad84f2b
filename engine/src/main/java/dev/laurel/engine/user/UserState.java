package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id), the achievement progress, the streak state
 * ({@code null} for a user stored before streaks existed; see {@code UserStreaks.state}) and the
 * points state. Features add their own state here; every {@code with…} method carries every
 * component.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    AchievementProgress achievements,
    StreakState streak,
    PointsState points) {

  public UserState {
    totals = Map.copyOf(totals);
    points = points == null ? PointsState.EMPTY : points;
  }

  /** A new user: no achievement progress, no stored streak state and no points. */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE, null, PointsState.EMPTY);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements, streak, points);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements, streak, points);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements, streak, points);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next, streak, points);
  }

  public UserState withStreak(StreakState next) {
    return new UserState(profile, preferences, totals, achievements, next, points);
  }

  public UserState withPoints(PointsState next) {
    return new UserState(profile, preferences, totals, achievements, streak, next);
  }
}
