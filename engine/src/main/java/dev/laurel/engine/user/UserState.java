package dev.laurel.engine.user;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences, the metric totals (by metric id), the achievement progress, the streak state
 * ({@code null} for a user stored before streaks existed; see {@code UserStreaks.state}), the
 * points state and the user's leaderboard entries in their latest runs (LB-9). Features add their
 * own state here; every {@code with…} method carries every component.
 */
public record UserState(
    UserProfile profile,
    Preferences preferences,
    Map<String, BigDecimal> totals,
    AchievementProgress achievements,
    StreakState streak,
    PointsState points,
    LeaderboardEntries leaderboards) {

  public UserState {
    totals = Map.copyOf(totals);
    points = points == null ? PointsState.EMPTY : points;
    leaderboards = leaderboards == null ? LeaderboardEntries.EMPTY : leaderboards;
  }

  /** A new user: no achievement progress, no stored streak state, no points, no leaderboard entries. */
  public UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {
    this(profile, preferences, totals, AchievementProgress.NONE, null, PointsState.EMPTY, LeaderboardEntries.EMPTY);
  }

  /** A user without leaderboard entries. */
  public UserState(
      UserProfile profile,
      Preferences preferences,
      Map<String, BigDecimal> totals,
      AchievementProgress achievements,
      StreakState streak,
      PointsState points) {
    this(profile, preferences, totals, achievements, streak, points, LeaderboardEntries.EMPTY);
  }

  /** A user without points and leaderboard entries. */
  public UserState(
      UserProfile profile,
      Preferences preferences,
      Map<String, BigDecimal> totals,
      AchievementProgress achievements,
      StreakState streak) {
    this(profile, preferences, totals, achievements, streak, PointsState.EMPTY, LeaderboardEntries.EMPTY);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }

  public UserState withProfile(UserProfile next) {
    return new UserState(next, preferences, totals, achievements, streak, points, leaderboards);
  }

  public UserState withPreferences(Preferences next) {
    return new UserState(profile, next, totals, achievements, streak, points, leaderboards);
  }

  public UserState withTotals(Map<String, BigDecimal> next) {
    return new UserState(profile, preferences, next, achievements, streak, points, leaderboards);
  }

  public UserState withAchievements(AchievementProgress next) {
    return new UserState(profile, preferences, totals, next, streak, points, leaderboards);
  }

  public UserState withStreak(StreakState next) {
    return new UserState(profile, preferences, totals, achievements, next, points, leaderboards);
  }

  public UserState withPoints(PointsState next) {
    return new UserState(profile, preferences, totals, achievements, streak, next, leaderboards);
  }

  public UserState withLeaderboards(LeaderboardEntries next) {
    return new UserState(profile, preferences, totals, achievements, streak, points, next);
  }
}
