package dev.laurel.engine.points;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.event.StoredEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;

/** TRIG-3, TRIG-5..TRIG-7, TRIG-14: "award P points for every N units" of a metric. */
public final class MetricTriggers {
  private MetricTriggers() {}

  /** ⌊A / N⌋: the number of thresholds an accumulator has reached. */
  static BigDecimal crossings(BigDecimal accumulated, long threshold) {
    return accumulated.divide(BigDecimal.valueOf(threshold), 0, RoundingMode.FLOOR);
  }

  /**
   * Lets {@code event} contribute to every active metric trigger on its metric whose user and
   * event filters match; a trigger whose thresholds were crossed k times fires once with base
   * amount k × points (PTS-4). A blocking deduction that would take the total below 0 refuses the
   * whole request (TRIG-14).
   */
  public static void apply(PointsConfig config, Ledger ledger, StoredEvent event, Instant now) {
    for (SystemConfig system : config.systems()) {
      for (Trigger trigger : system.active(TriggerType.METRIC)) {
        TriggerRule.Metric rule = (TriggerRule.Metric) trigger.rule();
        if (rule.metricId().equals(event.metricId())
            && AttributeFilter.matchAll(trigger.userAttributes(), ledger.user().attributes())
            && AttributeFilter.matchAll(rule.eventAttributes(), event.attributes())) {
          contribute(system, trigger, rule, ledger, event.value(), now);
        }
      }
    }
  }

  private static void contribute(
      SystemConfig system, Trigger trigger, TriggerRule.Metric rule, Ledger ledger, BigDecimal value, Instant now) {
    MetricProgress progress =
        MetricProgress.current(ledger.metricProgress(trigger.id()), trigger, rule.threshold());
    BigDecimal accumulated = Decimals.add(progress.accumulated(), value);
    BigDecimal reached = crossings(accumulated, rule.threshold());
    BigDecimal paid = progress.paid();
    BigDecimal k = reached.subtract(paid);
    if (k.signum() > 0) {
      BigInteger base = k.toBigIntegerExact().multiply(BigInteger.valueOf(trigger.points()));
      if (trigger.blockIfOutOfPoints()
          && base.signum() < 0
          && BigInteger.valueOf(ledger.total(system.id())).add(base).signum() < 0) {
        throw Rejection.invalid("Insufficient points in points system " + system.key());
      }
      ledger.fire(system, trigger, base, now, null);
      paid = reached;
    }
    ledger.metricProgress(
        trigger.id(), new MetricProgress(progress.epoch(), progress.revision(), accumulated, paid));
  }
}
