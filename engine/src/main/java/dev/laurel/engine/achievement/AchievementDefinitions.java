package dev.laurel.engine.achievement;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creating and editing achievement definitions: ACH-1 (trigger-specific settings, references,
 * self-reference and cycles), ACH-2 (status transitions), key uniqueness (CFG-2), and which edits
 * call for backdating (ACH-16). Shared by the admin API and the configuration file (CFG-1).
 */
public final class AchievementDefinitions {
  private AchievementDefinitions() {}

  /** A new achievement; status defaults to {@code inactive} (ACH-2). */
  public static Achievement create(ScopeConfig config, AchievementDraft d, String id, String revision) {
    if (d.key() == null) {
      throw Rejection.invalid("key is required");
    }
    if (d.name() == null) {
      throw Rejection.invalid("name must be a string");
    }
    if (d.trigger() == null) {
      throw Rejection.invalid("trigger must be one of metric, streak, api, achievement");
    }
    return build(config, null, d, id, revision);
  }

  /** An edited achievement; {@code revision} is used if the metric or event filters change. */
  public static Achievement update(ScopeConfig config, Achievement current, AchievementDraft d, String revision) {
    if (d.status() != null && !current.status().canBecome(d.status())) {
      throw Rejection.invalid(
          "status cannot change from " + current.status().wire() + " to " + d.status().wire()
              + " (allowed: inactive to active, active to locked, locked to active)");
    }
    return build(config, current, d, current.id(), revision);
  }

  private static Achievement build(
      ScopeConfig config, Achievement base, AchievementDraft d, String id, String revision) {
    AchievementTrigger trigger = d.trigger() != null ? d.trigger() : base.trigger();
    rejectForeignFields(d, trigger);
    boolean keep = base != null && base.trigger() == trigger;
    String key = d.key() != null ? d.key() : base.key();
    Achievement sameKey = config.achievements().byKey(key);
    if (sameKey != null && !sameKey.id().equals(id)) {
      throw Rejection.invalid("Key already in use by another achievement");
    }
    boolean metric = trigger == AchievementTrigger.METRIC;
    boolean streak = trigger == AchievementTrigger.STREAK;
    boolean composite = trigger == AchievementTrigger.ACHIEVEMENT;
    Achievement a =
        new Achievement(
            id,
            key,
            d.name() != null ? d.name() : base.name(),
            d.description() != null ? d.description().orElse(null) : base == null ? null : base.description(),
            d.badgeUrl() != null ? d.badgeUrl().orElse(null) : base == null ? null : base.badgeUrl(),
            trigger,
            d.status() != null ? d.status() : base == null ? AchievementStatus.INACTIVE : base.status(),
            metric ? pick(d.metricId(), keep ? base.metricId() : null) : null,
            metric ? pick(d.metricValue(), keep ? base.metricValue() : null) : null,
            metric ? resolve(config, pick(d.eventFilters(), keep ? base.eventFilters() : List.of()), false) : List.of(),
            streak ? pick(d.streakLength(), keep ? base.streakLength() : null) : null,
            composite ? pick(d.prerequisiteIds(), keep ? base.prerequisiteIds() : List.of()) : List.of(),
            resolve(config, pick(d.userFilters(), base == null ? List.of() : base.userFilters()), true),
            revision);
    checkSettings(config, a);
    if (base != null
        && Objects.equals(base.metricId(), a.metricId())
        && sameFilters(base.eventFilters(), a.eventFilters())) {
      a = withRevision(a, base.filterRevision());
    }
    return a.metricValue() == null ? a : withMetricValue(a);
  }

  /** ACH-1: settings of another trigger are refused rather than silently kept. */
  private static void rejectForeignFields(AchievementDraft d, AchievementTrigger trigger) {
    if (trigger != AchievementTrigger.METRIC) {
      foreign(d.metricId() != null, "metricId", "metric");
      foreign(d.metricValue() != null, "metricValue", "metric");
      foreign(d.eventFilters() != null && !d.eventFilters().isEmpty(), "eventAttributes", "metric");
    }
    if (trigger != AchievementTrigger.STREAK) {
      foreign(d.streakLength() != null, "streakLength", "streak");
    }
    if (trigger != AchievementTrigger.ACHIEVEMENT) {
      foreign(d.prerequisiteIds() != null && !d.prerequisiteIds().isEmpty(), "achievementIds", "achievement");
    }
  }

  private static void foreign(boolean present, String field, String trigger) {
    if (present) {
      throw Rejection.invalid(field + " applies only to " + trigger + " achievements");
    }
  }

  private static void checkSettings(ScopeConfig config, Achievement a) {
    switch (a.trigger()) {
      case METRIC -> {
        if (a.metricId() == null) {
          throw Rejection.invalid("metricId is required for metric achievements");
        }
        if (config.metricById(a.metricId()) == null) {
          throw Rejection.invalid("Metric not found by ID");
        }
        if (a.metricValue() == null) {
          throw Rejection.invalid("metricValue is required for metric achievements");
        }
        if (a.metricValue().signum() <= 0) {
          throw Rejection.invalid("metricValue must be a number greater than 0");
        }
      }
      case STREAK -> {
        if (a.streakLength() == null) {
          throw Rejection.invalid("streakLength is required for streak achievements");
        }
        if (a.streakLength() < 1) {
          throw Rejection.invalid("streakLength must be an integer of at least 1");
        }
      }
      case ACHIEVEMENT -> PrerequisiteGraph.check(config.achievements(), a);
      case API -> {}
    }
  }

  /** ATTR-11: filter attribute ids must name attributes of the right type; keys are resolved. */
  private static List<AttributeFilter> resolve(ScopeConfig config, List<AttributeFilter> filters, boolean user) {
    String field = user ? "userAttributes" : "eventAttributes";
    List<String> seen = new ArrayList<>();
    List<AttributeFilter> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      AttributeDef def =
          config.attributes().stream().filter(x -> x.id().equals(f.attributeId())).findFirst().orElse(null);
      if (def == null) {
        throw Rejection.invalid(field + ": Attribute not found by ID: " + f.attributeId());
      }
      if ((def.type() == AttributeType.USER) != user) {
        throw Rejection.invalid(
            field + ": attribute " + def.key() + " is not " + (user ? "a user" : "an event") + " attribute");
      }
      if (seen.contains(def.id())) {
        throw Rejection.invalid(field + ": attribute " + def.key() + " is listed twice");
      }
      seen.add(def.id());
      out.add(new AttributeFilter(def.id(), def.key(), f.value()));
    }
    return out;
  }

  /**
   * ACH-16: the achievement must be backdated when it is active and not an API achievement, and
   * it was just created or activated, or its requirement changed.
   */
  public static boolean needsBackdating(Achievement before, Achievement after) {
    if (!after.isActive() || after.trigger() == AchievementTrigger.API) {
      return false;
    }
    return before == null || before.status() == AchievementStatus.INACTIVE || requirementChanged(before, after);
  }

  private static boolean requirementChanged(Achievement a, Achievement b) {
    return a.trigger() != b.trigger()
        || !Objects.equals(a.metricId(), b.metricId())
        || !sameNumber(a, b)
        || !sameFilters(a.eventFilters(), b.eventFilters())
        || !Objects.equals(a.streakLength(), b.streakLength())
        || !a.prerequisiteIds().equals(b.prerequisiteIds())
        || !sameFilters(a.userFilters(), b.userFilters());
  }

  /** CFG-2: an achievement that is a prerequisite of another cannot be deleted; else null. */
  public static String deletionProblem(AchievementCatalog catalog, Achievement a) {
    Achievement dependent = catalog.dependentOf(a.id());
    return dependent == null ? null : "Achievement is a prerequisite of achievement " + dependent.key();
  }

  private static boolean sameNumber(Achievement a, Achievement b) {
    return a.metricValue() == null
        ? b.metricValue() == null
        : b.metricValue() != null && a.metricValue().compareTo(b.metricValue()) == 0;
  }

  private static boolean sameFilters(List<AttributeFilter> a, List<AttributeFilter> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).attributeId().equals(b.get(i).attributeId()) || !a.get(i).value().equals(b.get(i).value())) {
        return false;
      }
    }
    return true;
  }

  private static <T> T pick(T given, T fallback) {
    return given != null ? given : fallback;
  }

  private static Achievement withRevision(Achievement a, String revision) {
    return new Achievement(
        a.id(), a.key(), a.name(), a.description(), a.badgeUrl(), a.trigger(), a.status(), a.metricId(),
        a.metricValue(), a.eventFilters(), a.streakLength(), a.prerequisiteIds(), a.userFilters(), revision);
  }

  private static Achievement withMetricValue(Achievement a) {
    return new Achievement(
        a.id(), a.key(), a.name(), a.description(), a.badgeUrl(), a.trigger(), a.status(), a.metricId(),
        Decimals.normalize(a.metricValue()), a.eventFilters(), a.streakLength(), a.prerequisiteIds(),
        a.userFilters(), a.filterRevision());
  }
}
