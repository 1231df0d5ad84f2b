package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Streak configurations used by the tests. */
final class Configs {

  static final String STEPS = "metric-steps";
  static final String MINUTES = "metric-minutes";
  static final String PAGES = "metric-pages";

  private Configs() {}

  static MetricThreshold metric(String metricId, String threshold) {
    return new MetricThreshold(metricId, new BigDecimal(threshold));
  }

  static StreakConfig streaks(
      Frequency frequency, EvaluationMode mode, MetricThreshold... metrics) {
    return new StreakConfig(true, frequency, mode, List.of(metrics), false, FreezeConfig.DISABLED);
  }

  /** Daily, {@code steps ≥ 10}. */
  static StreakConfig daily() {
    return streaks(Frequency.DAILY, EvaluationMode.AND, metric(STEPS, "10"));
  }

  /** Weekly, {@code steps ≥ 10}. */
  static StreakConfig weekly() {
    return streaks(Frequency.WEEKLY, EvaluationMode.AND, metric(STEPS, "10"));
  }

  /** Monthly, {@code steps ≥ 10}. */
  static StreakConfig monthly() {
    return streaks(Frequency.MONTHLY, EvaluationMode.AND, metric(STEPS, "10"));
  }

  static StreakConfig withFreezes(StreakConfig config, int max, int initial) {
    return with(config, new FreezeConfig(true, max, initial, null));
  }

  static StreakConfig withAutoEarn(
      StreakConfig config, int max, int initial, int interval, int amount) {
    return with(config, new FreezeConfig(true, max, initial, new AutoEarn(interval, amount, null)));
  }

  static StreakConfig withAutoEarnSince(
      StreakConfig config, int max, int initial, int interval, int amount, String enabledAt) {
    AutoEarn autoEarn = new AutoEarn(interval, amount, Instant.parse(enabledAt));
    return with(config, new FreezeConfig(true, max, initial, autoEarn));
  }

  static StreakConfig with(StreakConfig config, FreezeConfig freezes) {
    return new StreakConfig(
        config.enabled(),
        config.frequency(),
        config.evaluationMode(),
        config.metrics(),
        config.personalization(),
        freezes);
  }

  static StreakConfig withFrequency(StreakConfig config, Frequency frequency) {
    return new StreakConfig(
        config.enabled(),
        frequency,
        config.evaluationMode(),
        config.metrics(),
        config.personalization(),
        config.freezes());
  }

  static StreakConfig personalised(StreakConfig config) {
    return new StreakConfig(
        config.enabled(),
        config.frequency(),
        config.evaluationMode(),
        config.metrics(),
        true,
        config.freezes());
  }

  static StreakConfig disabled(StreakConfig config) {
    return new StreakConfig(
        false,
        config.frequency(),
        config.evaluationMode(),
        config.metrics(),
        config.personalization(),
        config.freezes());
  }
}
