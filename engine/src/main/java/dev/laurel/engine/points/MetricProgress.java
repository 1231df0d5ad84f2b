package dev.laurel.engine.points;

import java.math.BigDecimal;

/**
 * TRIG-5: a user's accumulator A and paid count H for one metric trigger, with the trigger's
 * {@code epoch} and {@code revision} they were computed under (TRIG-7). {@code paid} is an
 * integer kept as a decimal so that no count can overflow.
 */
public record MetricProgress(long epoch, long revision, BigDecimal accumulated, BigDecimal paid) {

  /** The progress to continue from under {@code trigger}'s current epoch and threshold (TRIG-7). */
  public static MetricProgress current(MetricProgress stored, Trigger trigger, long threshold) {
    if (stored == null || stored.epoch != trigger.epoch()) {
      return new MetricProgress(trigger.epoch(), trigger.revision(), BigDecimal.ZERO, BigDecimal.ZERO);
    }
    if (stored.revision != trigger.revision()) {
      return new MetricProgress(
          trigger.epoch(), trigger.revision(), stored.accumulated, MetricTriggers.crossings(stored.accumulated, threshold));
    }
    return stored;
  }
}
