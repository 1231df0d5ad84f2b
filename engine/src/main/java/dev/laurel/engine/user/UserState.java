package dev.laurel.engine.user;

import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id) and the streak state ({@code null} for a user
 * stored before streaks existed; see {@code UserStreaks.state}). Features add their own state here.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    StreakState streak) {

  public UserState {
    totals = Map.copyOf(totals);
  }

  /** A user without a stored streak state. */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, null);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }

  public UserState withProfile(UserProfile profile) {
    return new UserState(profile, preferences, totals, streak);
  }

  public UserState withPreferences(Preferences preferences) {
    return new UserState(profile, preferences, totals, streak);
  }

  public UserState withTotals(Map<String, BigDecimal> totals) {
    return new UserState(profile, preferences, totals, streak);
  }

  public UserState withStreak(StreakState streak) {
    return new UserState(profile, preferences, totals, streak);
  }
}
