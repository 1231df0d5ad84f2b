package dev.laurel.engine.streak;

import java.math.BigDecimal;

/**
 * One metric of a streak condition: the period sum of {@code metricId} must reach {@code threshold}
 * (STREAK-4). Validation (threshold &gt; 0) is {@link StreakConfig#problems()}'s job.
 */
public record MetricThreshold(String metricId, BigDecimal threshold) {}
