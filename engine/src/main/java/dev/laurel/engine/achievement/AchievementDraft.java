package dev.laurel.engine.achievement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The fields of an achievement create or update item, already checked for shape (CFG-2). A null
 * component is absent ("leave unchanged", GEN-6); for {@code description} and {@code badgeUrl},
 * {@code Optional.empty()} clears the value. Filters carry attribute ids; their keys are resolved
 * by {@link AchievementDefinitions}.
 */
public record AchievementDraft(
    String key,
    String name,
    Optional<String> description,
    Optional<String> badgeUrl,
    AchievementTrigger trigger,
    AchievementStatus status,
    String metricId,
    BigDecimal metricValue,
    List<AttributeFilter> eventFilters,
    Integer streakLength,
    List<String> prerequisiteIds,
    List<AttributeFilter> userFilters) {}
