package dev.laurel.server.achievement;

import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.achievement.CompletedAchievement;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.http.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Achievement shapes: ACH-4 (application), ACH-13 statistics, METRIC-9, CFG-2 (admin). */
public final class AchievementJson {
  private AchievementJson() {}

  /** ACH-4 {@code AchievementResponse}: fields of other triggers are omitted (GEN-4). */
  public static Wire.Obj application(Achievement a, ScopeConfig config) {
    Wire.Obj o =
        Wire.obj()
            .with("id", a.id())
            .with("key", a.key())
            .with("name", a.name())
            .with("trigger", a.trigger().wire())
            .with("description", a.description())
            .with("badgeUrl", a.badgeUrl());
    switch (a.trigger()) {
      case METRIC -> {
        Metric m = config.metricById(a.metricId());
        o.with("metricId", a.metricId())
            .with("metricValue", Wire.number(a.metricValue()))
            .withOptional("metricName", m == null ? null : m.name())
            .with("eventAttributes", pairs(a.eventFilters()));
        if (!a.eventFilters().isEmpty()) {
          o.with("eventAttribute", pair(a.eventFilters().get(0)));
        }
      }
      case STREAK -> o.with("streakLength", a.streakLength());
      case ACHIEVEMENT -> o.with("achievementIds", a.prerequisiteIds());
      case API -> {}
    }
    return o.with("userAttributes", pairs(a.userFilters()));
  }

  /** {@code UserAchievementResponse}: ACH-4 plus {@code achievedAt} (null when incomplete). */
  public static Wire.Obj user(Achievement a, ScopeConfig config, Instant achievedAt) {
    return application(a, config).with("achievedAt", Wire.timestamp(achievedAt));
  }

  /** ACH-18: the achievements a request completed, in completion order. */
  public static List<Object> completed(List<CompletedAchievement> completed, ScopeConfig config) {
    List<Object> out = new ArrayList<>();
    for (CompletedAchievement done : completed) {
      out.add(user(done.achievement(), config, done.completion().achievedAt()));
    }
    return out;
  }

  /** ACH-13: adds {@code completions} and {@code rarity}. */
  public static Wire.Obj withStats(Wire.Obj o, Achievement a, AchievementStats.Snapshot stats) {
    return o.with("completions", stats.completions(a.id())).with("rarity", stats.rarity(a.id()));
  }

  /**
   * METRIC-9: the metric's achievements that are active, or locked and completed by the user,
   * whose user-attribute filters the user matches; by {@code metricValue} then creation.
   */
  public static List<Object> forMetric(ScopeConfig config, Metric metric, UserState state) {
    List<Object> out = new ArrayList<>();
    for (Achievement a : config.achievements().onMetric(metric.id())) {
      Completion done = state.achievements().completion(a.id());
      boolean listed = a.isActive() || (a.status() == AchievementStatus.LOCKED && done != null);
      if (listed && AttributeFilter.allMatch(a.userFilters(), state.profile().attributes())) {
        out.add(user(a, config, done == null ? null : done.achievedAt()));
      }
    }
    return out;
  }

  /** CFG-2 {@code AdminAchievement}: filters by attribute id. */
  public static Wire.Obj admin(Achievement a) {
    Wire.Obj o =
        Wire.obj()
            .with("id", a.id())
            .with("key", a.key())
            .with("name", a.name())
            .with("description", a.description())
            .with("badgeUrl", a.badgeUrl())
            .with("trigger", a.trigger().wire())
            .with("status", a.status().wire());
    switch (a.trigger()) {
      case METRIC ->
          o.with("metricId", a.metricId())
              .with("metricValue", Wire.number(a.metricValue()))
              .with("eventAttributes", adminPairs(a.eventFilters()));
      case STREAK -> o.with("streakLength", a.streakLength());
      case ACHIEVEMENT -> o.with("achievementIds", a.prerequisiteIds());
      case API -> {}
    }
    return o.with("userAttributes", adminPairs(a.userFilters()));
  }

  private static List<Object> pairs(List<AttributeFilter> filters) {
    List<Object> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      if (f.key() != null) {
        out.add(pair(f));
      }
    }
    return out;
  }

  private static Wire.Obj pair(AttributeFilter f) {
    return Wire.obj().with("key", f.key()).with("value", f.value());
  }

  private static List<Object> adminPairs(List<AttributeFilter> filters) {
    List<Object> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      out.add(Wire.obj().with("attributeId", f.attributeId()).with("attributeValue", f.value()));
    }
    return out;
  }
}
