package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id), the achievement progress and the user's
 * leaderboard entries in their latest runs (LB-9). Features add their own state here.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    AchievementProgress achievements,
    LeaderboardEntries leaderboards) {

  public UserState {
    totals = Map.copyOf(totals);
    leaderboards = leaderboards == null ? LeaderboardEntries.EMPTY : leaderboards;
  }

  /** A state without achievement progress (a new user). */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE);
  }

  /** A state without leaderboard entries. */
  public UserState(
      UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals, AchievementProgress achievements) {
    this(profile, preferences, totals, achievements, LeaderboardEntries.EMPTY);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements, leaderboards);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements, leaderboards);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements, leaderboards);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next, leaderboards);
  }

  public UserState withLeaderboards(LeaderboardEntries next) {
    return new UserState(profile, preferences, totals, achievements, next);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }
}
