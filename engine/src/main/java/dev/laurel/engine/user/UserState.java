package dev.laurel.engine.user;

import dev.laurel.engine.leaderboard.LeaderboardEntries;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id) and the user's leaderboard entries in their latest
 * runs (LB-9). Features add their own state here.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    LeaderboardEntries leaderboards) {

  public UserState {
    totals = Map.copyOf(totals);
    leaderboards = leaderboards == null ? LeaderboardEntries.EMPTY : leaderboards;
  }

  /** A user without leaderboard entries. */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, LeaderboardEntries.EMPTY);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }

  public UserState withProfile(UserProfile profile) {
    return new UserState(profile, preferences, totals, leaderboards);
  }

  public UserState withPreferences(Preferences preferences) {
    return new UserState(profile, preferences, totals, leaderboards);
  }

  public UserState withTotals(Map<String, BigDecimal> totals) {
    return new UserState(profile, preferences, totals, leaderboards);
  }

  public UserState withLeaderboards(LeaderboardEntries leaderboards) {
    return new UserState(profile, preferences, totals, leaderboards);
  }
}
