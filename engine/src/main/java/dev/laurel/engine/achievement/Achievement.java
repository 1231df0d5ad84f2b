package dev.laurel.engine.achievement;

import java.math.BigDecimal;
import java.util.List;

/**
 * An achievement definition (ACH-1, CFG-2). Trigger-specific components are null (or empty lists)
 * for the other triggers. {@code filterRevision} changes whenever the metric or the event filters
 * change, so a user's running filtered total kept for an old requirement is never reused (ACH-6).
 */
public record Achievement(
    String id,
    String key,
    String name,
    String description,
    String badgeUrl,
    AchievementTrigger trigger,
    AchievementStatus status,
    String metricId,
    BigDecimal metricValue,
    List<AttributeFilter> eventFilters,
    Integer streakLength,
    List<String> prerequisiteIds,
    List<AttributeFilter> userFilters,
    String filterRevision) {

  public Achievement {
    eventFilters = List.copyOf(eventFilters);
    prerequisiteIds = List.copyOf(prerequisiteIds);
    userFilters = List.copyOf(userFilters);
  }

  public boolean isActive() {
    return status == AchievementStatus.ACTIVE;
  }

  /** A metric achievement whose total is the sum of matching events only (ACH-6). */
  public boolean hasEventFilters() {
    return trigger == AchievementTrigger.METRIC && !eventFilters.isEmpty();
  }

  /** The key of the user's running filtered total for the current requirement (ACH-6). */
  public String filteredTotalKey() {
    return id + ":" + filterRevision;
  }

  public Achievement withStatus(AchievementStatus next) {
    return new Achievement(
        id, key, name, description, badgeUrl, trigger, next, metricId, metricValue, eventFilters,
        streakLength, prerequisiteIds, userFilters, filterRevision);
  }
}
