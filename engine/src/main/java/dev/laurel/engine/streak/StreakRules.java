package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The configuration as it applies to one user: switches and the effective condition. */
record StreakRules(StreakConfig config, StreakPrefs prefs) {

  StreakRules {
    prefs = prefs == null ? StreakPrefs.NONE : prefs;
  }

  /** Streaks run for the user: configured, enabled, not switched off by the user (STREAK-20). */
  boolean active() {
    return config.enabled() && prefs.streaksOn();
  }

  boolean freezesOn() {
    return config.freezes().enabled();
  }

  StreakCalendar calendar() {
    return new StreakCalendar(config.frequency());
  }

  /** The metrics and thresholds in force: the user's override when personalised (STREAK-19). */
  List<MetricThreshold> metrics() {
    boolean personal =
        config.personalization() && prefs.metrics() != null && !prefs.metrics().isEmpty();
    return personal ? prefs.metrics() : config.metrics();
  }

  /** The evaluation mode in force: the user's override when personalised (STREAK-19). */
  EvaluationMode mode() {
    boolean personal = config.personalization() && prefs.evaluationMode() != null;
    return personal ? prefs.evaluationMode() : config.evaluationMode();
  }

  /** STREAK-4: AND needs every metric to meet its threshold, OR at least one. */
  boolean satisfiedBy(Map<String, BigDecimal> sums) {
    List<MetricThreshold> metrics = metrics();
    if (metrics.isEmpty()) {
      return false;
    }
    return switch (mode()) {
      case AND -> metrics.stream().allMatch(m -> meets(m, sums));
      case OR -> metrics.stream().anyMatch(m -> meets(m, sums));
    };
  }

  /**
   * Whether events on {@code metricId} are recorded: it is a configured metric or in the user's
   * stored override (kept even while personalisation is off, so that it can be switched on).
   */
  boolean tracks(String metricId) {
    return contains(config.metrics(), metricId)
        || (prefs.metrics() != null && contains(prefs.metrics(), metricId));
  }

  private static boolean meets(MetricThreshold metric, Map<String, BigDecimal> sums) {
    return sums.getOrDefault(metric.metricId(), BigDecimal.ZERO).compareTo(metric.threshold()) >= 0;
  }

  private static boolean contains(List<MetricThreshold> metrics, String metricId) {
    return metrics.stream().anyMatch(m -> m.metricId().equals(metricId));
  }
}
