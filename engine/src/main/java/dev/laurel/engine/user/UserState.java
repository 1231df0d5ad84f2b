package dev.laurel.engine.user;

import dev.laurel.engine.points.PointsState;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences and the metric totals (by metric id). Features add their own state here.
 */
public record UserState(
    UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals, PointsState points) {

  public UserState {
    totals = Map.copyOf(totals);
    points = points == null ? PointsState.EMPTY : points;
  }

  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, PointsState.EMPTY);
  }

  public UserState withProfile(UserProfile newProfile) {
    return new UserState(newProfile, preferences, totals, points);
  }

  public UserState withPreferences(Preferences newPreferences) {
    return new UserState(profile, newPreferences, totals, points);
  }

  public UserState withTotals(Map<String, BigDecimal> newTotals) {
    return new UserState(profile, preferences, newTotals, points);
  }

  public UserState withPoints(PointsState newPoints) {
    return new UserState(profile, preferences, totals, newPoints);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }
}
