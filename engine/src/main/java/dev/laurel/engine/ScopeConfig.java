package dev.laurel.engine;

import dev.laurel.engine.achievement.AchievementCatalog;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.StreakEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable snapshot of one scope's configuration (DESIGN: read models in memory). The hot path
 * reads it and never queries the store for configuration; a change swaps in a new snapshot.
 */
public final class ScopeConfig {
  private final List<Metric> metrics;
  private final List<AttributeDef> attributes;
  private final double controlRatio;
  private final StreakEngine streaks;
  private final PointsConfig points;
  private final List<Leaderboard> leaderboards;
  private final Map<String, Metric> metricsByKey = new HashMap<>();
  private final Map<String, Metric> metricsById = new HashMap<>();
  private final Map<String, AttributeDef> userAttributes = new HashMap<>();
  private final Map<String, AttributeDef> eventAttributes = new HashMap<>();
  private final AchievementCatalog achievements;

  public ScopeConfig(List<Metric> metrics, List<AttributeDef> attributes, double controlRatio) {
    this(metrics, attributes, controlRatio, PointsConfig.EMPTY);
  }

  public ScopeConfig(
      List<Metric> metrics, List<AttributeDef> attributes, double controlRatio, PointsConfig points) {
    this(
        metrics,
        attributes,
        controlRatio,
        AchievementCatalog.EMPTY,
        new StreakEngine(StreakConfig.DISABLED),
        points,
        List.of());
  }

  private ScopeConfig(
      List<Metric> metrics,
      List<AttributeDef> attributes,
      double controlRatio,
      AchievementCatalog achievements,
      StreakEngine streaks,
      PointsConfig points,
      List<Leaderboard> leaderboards) {
    this.achievements = achievements;
    this.metrics = List.copyOf(metrics);
    this.attributes = List.copyOf(attributes);
    this.controlRatio = controlRatio;
    this.streaks = streaks;
    this.points = points;
    this.leaderboards = List.copyOf(leaderboards);
    for (Metric m : this.metrics) {
      metricsByKey.put(m.key(), m);
      metricsById.put(m.id(), m);
    }
    for (AttributeDef a : this.attributes) {
      (a.type() == AttributeType.USER ? userAttributes : eventAttributes).put(a.key(), a);
    }
  }

  public static ScopeConfig empty() {
    return new ScopeConfig(List.of(), List.of(), 0);
  }

  /** Active metrics in creation order (METRIC-7). */
  public List<Metric> metrics() {
    return metrics;
  }

  /** Attribute definitions of both types in creation order. */
  public List<AttributeDef> attributes() {
    return attributes;
  }

  public double controlRatio() {
    return controlRatio;
  }

  public Metric metricByKey(String key) {
    return metricsByKey.get(key);
  }

  public Metric metricById(String id) {
    return metricsById.get(id);
  }

  public boolean isUserAttribute(String key) {
    return userAttributes.containsKey(key);
  }

  public boolean isEventAttribute(String key) {
    return eventAttributes.containsKey(key);
  }

  public ScopeConfig withControlRatio(double ratio) {
    return new ScopeConfig(metrics, attributes, ratio, achievements, streaks, points, leaderboards);
  }

  /** The scope's achievements (ACH-1), any status, in creation order. */
  public AchievementCatalog achievements() {
    return achievements;
  }

  /** Leaderboards of every status in creation order (LB-21, LB-40). */
  public List<Leaderboard> leaderboards() {
    return leaderboards;
  }

  /** This snapshot with other leaderboards. */
  public ScopeConfig withLeaderboards(List<Leaderboard> newLeaderboards) {
    return new ScopeConfig(
        metrics, attributes, controlRatio, achievements, streaks, points, newLeaderboards);
  }

  public ScopeConfig withAchievements(AchievementCatalog catalog) {
    return new ScopeConfig(metrics, attributes, controlRatio, catalog, streaks, points, leaderboards);
  }

  /** The scope's streak configuration (CON-8, CFG-3); {@link StreakConfig#DISABLED} when none. */
  public StreakConfig streak() {
    return streaks.config();
  }

  /** The streak engine for this scope's configuration. */
  public StreakEngine streaks() {
    return streaks;
  }

  /**
   * This snapshot with another streak configuration.
   *
   * @throws IllegalArgumentException if {@code streak} has problems
   */
  public ScopeConfig withStreak(StreakConfig streak) {
    return new ScopeConfig(metrics, attributes, controlRatio, achievements, new StreakEngine(streak), points, leaderboards);
  }

  /** Points systems with their triggers, levels and boosts (§17). */
  public PointsConfig points() {
    return points;
  }

  public ScopeConfig withPoints(PointsConfig newPoints) {
    return new ScopeConfig(metrics, attributes, controlRatio, achievements, streaks, newPoints, leaderboards);
  }
}
