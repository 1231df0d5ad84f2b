package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scope's streak configuration (STREAK-1, FREEZE-1, CFG-3). Any value can be represented so that
 * {@link #problems()} can report it; the engine expects a configuration without problems.
 */
public record StreakConfig(
    boolean enabled,
    Frequency frequency,
    EvaluationMode evaluationMode,
    List<MetricThreshold> metrics,
    boolean personalization,
    FreezeConfig freezes) {

  /** The configuration of a scope that has none: streaks off, daily (EVENT-6). */
  public static final StreakConfig DISABLED =
      new StreakConfig(
          false, Frequency.DAILY, EvaluationMode.AND, List.of(), false, FreezeConfig.DISABLED);

  private static final int MAX_FREEZES_LIMIT = 100;

  public StreakConfig {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    freezes = freezes == null ? FreezeConfig.DISABLED : freezes;
  }

  /**
   * Validation per STREAK-1 and FREEZE-1: one message per problem, each naming its field, in field
   * order (CFG-3 answers with the first). Metrics may be empty only while streaks are disabled;
   * freeze numbers are checked only while freezes are enabled.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (frequency == null) {
      problems.add("frequency must be one of daily, weekly, monthly");
    }
    if (evaluationMode == null) {
      problems.add("evaluationMode must be one of AND, OR");
    }
    if (metrics.isEmpty() && enabled) {
      problems.add("metrics must contain at least one entry");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      MetricThreshold metric = metrics.get(i);
      if (metric.metricId() == null || metric.metricId().isBlank()) {
        problems.add("metrics[" + i + "].metricId is required");
      } else if (!seen.add(metric.metricId())) {
        problems.add(
            "metrics[" + i + "].metricId " + metric.metricId() + " appears more than once");
      }
      if (metric.threshold() == null || metric.threshold().compareTo(BigDecimal.ZERO) <= 0) {
        problems.add("metrics[" + i + "].threshold must be a number > 0");
      }
    }
    if (freezes.enabled()) {
      freezeProblems(problems);
    }
    return problems;
  }

  private void freezeProblems(List<String> problems) {
    if (freezes.maxFreezes() < 1 || freezes.maxFreezes() > MAX_FREEZES_LIMIT) {
      problems.add("freezes.maxFreezes must be an integer between 1 and " + MAX_FREEZES_LIMIT);
    }
    if (freezes.initialFreezes() < 0 || freezes.initialFreezes() > freezes.maxFreezes()) {
      problems.add("freezes.initialFreezes must be an integer between 0 and freezes.maxFreezes");
    }
    AutoEarn autoEarn = freezes.autoEarn();
    if (autoEarn != null) {
      if (autoEarn.intervalDays() < 1) {
        problems.add("freezes.autoEarn.intervalDays must be an integer >= 1");
      }
      if (autoEarn.amount() < 1) {
        problems.add("freezes.autoEarn.amount must be an integer >= 1");
      }
    }
  }
}
