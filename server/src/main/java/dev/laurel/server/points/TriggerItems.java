package dev.laurel.server.points;

import static dev.laurel.server.points.Fields.issue;
import static dev.laurel.server.points.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.engine.points.TriggerStatus;
import dev.laurel.engine.points.TriggerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Admin trigger items (TRIG-16, TRIG-17) into {@link Trigger} values. A refusal is the item's
 * issue. Updates keep accumulators per TRIG-7 ({@code epoch}, {@code revision}) and re-anchor
 * time schedules on activation (TRIG-10).
 */
final class TriggerItems {
  private static final List<String> TYPE_FIELDS =
      List.of("metricId", "metricThreshold", "eventAttributes", "achievementId", "streakLength", "timeUnit", "timeInterval");
  private static final Map<TriggerType, List<String>> REQUIRED =
      Map.of(
          TriggerType.METRIC, List.of("metricId", "metricThreshold"),
          TriggerType.ACHIEVEMENT, List.of("achievementId"),
          TriggerType.STREAK, List.of("streakLength"),
          TriggerType.TIME, List.of("timeUnit", "timeInterval"),
          TriggerType.USER_CREATION, List.of());
  private static final Set<String> METRIC_FIELDS = Set.of("metricId", "metricThreshold", "eventAttributes");
  private static final String TYPES = "type must be one of metric, achievement, streak, time, user_creation";

  private final ScopeConfig config;

  TriggerItems(ScopeConfig config) {
    this.config = config;
  }

  /** TRIG-16: a new trigger, {@code inactive} unless the item says {@code active} (TRIG-2). */
  Trigger create(JsonNode item, String systemId, String id, Instant now) {
    if (!item.isObject()) {
      throw issue("item must be an object");
    }
    TriggerType type = type(item.get("type"));
    long points = points(item);
    TriggerStatus status = status(item, TriggerStatus.INACTIVE);
    checkFields(item, type, null);
    List<AttributeFilter> users = Fields.filters(item, "userAttributes", config, AttributeType.USER);
    TriggerRule rule = rule(type, item, null);
    boolean block = Fields.bool(item, "blockIfOutOfPoints", false);
    Instant activated = status == TriggerStatus.ACTIVE ? now : null;
    return new Trigger(id, systemId, points, status, users, rule, block, now, now, activated, 0, 0);
  }

  /** TRIG-17: only provided fields change; {@code null} filters clear them. */
  Trigger update(JsonNode item, Trigger current, Instant now) {
    TriggerType type = present(item, "type") ? type(item.get("type")) : current.type();
    boolean sameType = type == current.type();
    if (!sameType && current.isActive()) {
      throw issue("type is locked while the trigger is active");
    }
    long points = present(item, "points") ? points(item) : current.points();
    TriggerStatus status = status(item, current.status());
    checkFields(item, type, sameType ? current : null);
    List<AttributeFilter> users =
        item.has("userAttributes")
            ? Fields.filters(item, "userAttributes", config, AttributeType.USER)
            : current.userAttributes();
    TriggerRule rule = rule(type, item, sameType ? current.rule() : null);
    boolean block = Fields.bool(item, "blockIfOutOfPoints", current.blockIfOutOfPoints());
    long epoch = current.epoch();
    long revision = current.revision();
    if (!sameType || resetsAccumulator(current.rule(), rule)) {
      epoch++;
    } else if (rule instanceof TriggerRule.Metric m && m.threshold() != ((TriggerRule.Metric) current.rule()).threshold()) {
      revision++;
    }
    Instant activated = current.activatedAt();
    boolean activating = status == TriggerStatus.ACTIVE && !current.isActive();
    boolean rescheduled = status == TriggerStatus.ACTIVE && rule instanceof TriggerRule.Time && !rule.equals(current.rule());
    if (activating || rescheduled) {
      activated = now;
    }
    Trigger next =
        new Trigger(current.id(), current.systemId(), points, status, users, rule, block, current.created(),
            current.updated(), activated, epoch, revision);
    if (next.equals(current)) {
      return current;
    }
    return new Trigger(current.id(), current.systemId(), points, status, users, rule, block, current.created(),
        now, activated, epoch, revision);
  }

  /** TRIG-7: a new metric or new event filters start the accumulator again. */
  private static boolean resetsAccumulator(TriggerRule before, TriggerRule after) {
    return before instanceof TriggerRule.Metric b
        && after instanceof TriggerRule.Metric a
        && (!a.metricId().equals(b.metricId()) || !a.eventAttributes().equals(b.eventAttributes()));
  }

  /** Required fields of the type (unless kept from {@code current}), then fields it does not permit. */
  private static void checkFields(JsonNode item, TriggerType type, Trigger current) {
    for (String field : REQUIRED.get(type)) {
      if (!present(item, field) && current == null) {
        throw issue(field + " is required for " + type.wire() + " triggers");
      }
    }
    for (String field : TYPE_FIELDS) {
      boolean permitted = REQUIRED.get(type).contains(field) || (type == TriggerType.METRIC && METRIC_FIELDS.contains(field));
      if (present(item, field) && !permitted) {
        throw issue(field + " is not permitted for " + type.wire() + " triggers");
      }
    }
  }

  private TriggerRule rule(TriggerType type, JsonNode item, TriggerRule current) {
    return switch (type) {
      case METRIC -> {
        TriggerRule.Metric was = (TriggerRule.Metric) current;
        String metricId = present(item, "metricId") ? Fields.string(item, "metricId") : was.metricId();
        Metric metric = config.metricById(metricId);
        if (metric == null) {
          throw issue("Metric not found by ID");
        }
        long threshold =
            present(item, "metricThreshold")
                ? Fields.integer(item, "metricThreshold", 1, Long.MAX_VALUE, "metricThreshold must be an integer >= 1")
                : was.threshold();
        List<AttributeFilter> events =
            item.has("eventAttributes") || was == null
                ? Fields.filters(item, "eventAttributes", config, AttributeType.EVENT)
                : was.eventAttributes();
        yield new TriggerRule.Metric(metric.id(), metric.name(), threshold, events);
      }
      case ACHIEVEMENT -> {
        TriggerRule.Achievement was = (TriggerRule.Achievement) current;
        String achievementId = present(item, "achievementId") ? Fields.string(item, "achievementId") : was.achievementId();
        Achievement achievement = achievementId == null ? null : config.achievements().byId(achievementId);
        if (achievement == null) {
          throw issue("Achievement not found by ID");
        }
        yield new TriggerRule.Achievement(achievement.id(), achievement.name());
      }
      case STREAK -> {
        TriggerRule.Streak was = (TriggerRule.Streak) current;
        yield new TriggerRule.Streak(
            present(item, "streakLength")
                ? (int) Fields.integer(item, "streakLength", 1, Integer.MAX_VALUE, "streakLength must be an integer >= 1")
                : was.length());
      }
      case TIME -> {
        TriggerRule.Time was = (TriggerRule.Time) current;
        TriggerRule.TimeUnit unit = was == null ? null : was.unit();
        if (present(item, "timeUnit")) {
          unit = TriggerRule.TimeUnit.fromAdminWire(Objects.toString(item.get("timeUnit").asText(null), ""));
          if (unit == null || !item.get("timeUnit").isTextual()) {
            throw issue("timeUnit must be one of hours, days");
          }
        }
        int interval =
            present(item, "timeInterval")
                ? (int) Fields.integer(item, "timeInterval", 1, Integer.MAX_VALUE, "timeInterval must be an integer >= 1")
                : was.interval();
        yield new TriggerRule.Time(unit, interval);
      }
      case USER_CREATION -> new TriggerRule.UserCreation();
    };
  }

  private static TriggerType type(JsonNode v) {
    TriggerType type = v != null && v.isTextual() ? TriggerType.fromWire(v.textValue()) : null;
    if (type == null) {
      throw issue(TYPES);
    }
    return type;
  }

  /** TRIG-1: a non-zero integer (kept within 32 bits, the contract's integer). */
  private static long points(JsonNode item) {
    long points = Fields.integer(item, "points", Integer.MIN_VALUE, Integer.MAX_VALUE, "points must be a non-zero integer");
    if (points == 0) {
      throw issue("points must be a non-zero integer");
    }
    return points;
  }

  private static TriggerStatus status(JsonNode item, TriggerStatus fallback) {
    if (!present(item, "status")) {
      return fallback;
    }
    JsonNode v = item.get("status");
    TriggerStatus status = v.isTextual() ? TriggerStatus.fromWire(v.textValue()) : null;
    if (status == null || status == TriggerStatus.ARCHIVED) {
      throw issue("status must be one of active, inactive");
    }
    return status;
  }
}
