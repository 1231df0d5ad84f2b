package dev.laurel.engine.streak;

import java.util.List;

/**
 * A user's stored streak preferences (PREF-4, STREAK-19, STREAK-20).
 *
 * @param enabled {@code false} switches streaks off for the user; {@code null} or {@code true}
 *     leaves them on
 * @param evaluationMode replaces the configured mode when personalisation is on; {@code null} for
 *     none
 * @param metrics replace the configured metrics and thresholds when personalisation is on; {@code
 *     null} or empty for none. Metric keys are resolved to ids by the caller.
 */
public record StreakPrefs(
    Boolean enabled, EvaluationMode evaluationMode, List<MetricThreshold> metrics) {

  /** A user without stored streak preferences. */
  public static final StreakPrefs NONE = new StreakPrefs(null, null, null);

  public StreakPrefs {
    metrics = metrics == null ? null : List.copyOf(metrics);
  }

  /** STREAK-20: only an explicit {@code false} turns streaks off. */
  public boolean streaksOn() {
    return !Boolean.FALSE.equals(enabled);
  }
}
