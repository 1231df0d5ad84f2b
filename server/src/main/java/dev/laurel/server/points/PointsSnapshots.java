package dev.laurel.server.points;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.PointsConfigLoader;

/**
 * Adds the points configuration to each scope's snapshot (DESIGN: the hot path never queries
 * configuration), resolving the names other configuration owns.
 */
public final class PointsSnapshots implements Scopes.Extension {
  private final PointsConfigLoader loader;
  public PointsSnapshots(PointsConfigLoader loader) {
    this.loader = loader;
  }

  @Override
  public ScopeConfig extend(Scope scope, ScopeConfig base) {
    return base.withPoints(
        loader.load(
            scope,
            new PointsConfigLoader.Resolver() {
              @Override
              public String attributeKey(String attributeId) {
                for (AttributeDef a : base.attributes()) {
                  if (a.id().equals(attributeId)) {
                    return a.key();
                  }
                }
                return null;
              }

              @Override
              public String metricName(String metricId) {
                Metric m = base.metricById(metricId);
                return m == null ? null : m.name();
              }

              @Override
              public String achievementName(String achievementId) {
                Achievement a = base.achievements().byId(achievementId);
                return a == null ? null : a.name();
              }
            }));
  }

  /** METRIC-5: a metric referenced by a live points trigger is not deleted. */
  public static String metricInUse(ScopeConfig config, String metricId) {
    for (var system : config.points().systems()) {
      for (var t : system.triggers()) {
        if (t.status() != dev.laurel.engine.points.TriggerStatus.ARCHIVED
            && t.rule() instanceof TriggerRule.Metric m
            && m.metricId().equals(metricId)) {
          return "Metric is in use by points trigger " + t.id();
        }
      }
    }
    return null;
  }

  /** CFG-2: an achievement targeted by a live points trigger is not deleted. */
  public static String achievementInUse(ScopeConfig config, String achievementId) {
    for (var system : config.points().systems()) {
      for (var t : system.triggers()) {
        if (t.status() != dev.laurel.engine.points.TriggerStatus.ARCHIVED
            && t.rule() instanceof TriggerRule.Achievement a
            && a.achievementId().equals(achievementId)) {
          return "Achievement is in use by points trigger " + t.id();
        }
      }
    }
    return null;
  }

  /** ATTR-5: an attribute referenced by a points-trigger or boost filter is not deleted. */
  public static String attributeInUse(ScopeConfig config, String attributeId) {
    for (var system : config.points().systems()) {
      for (var t : system.triggers()) {
        if (t.status() == dev.laurel.engine.points.TriggerStatus.ARCHIVED) {
          continue;
        }
        boolean events = t.rule() instanceof TriggerRule.Metric m && uses(m.eventAttributes(), attributeId);
        if (uses(t.userAttributes(), attributeId) || events) {
          return "Attribute is in use by points trigger " + t.id();
        }
      }
      for (var b : system.boosts()) {
        if (uses(b.userAttributes(), attributeId)) {
          return "Attribute is in use by points boost " + b.id();
        }
      }
    }
    return null;
  }

  private static boolean uses(java.util.List<dev.laurel.engine.points.AttributeFilter> filters, String attributeId) {
    return filters.stream().anyMatch(f -> f.attributeId().equals(attributeId));
  }
}
