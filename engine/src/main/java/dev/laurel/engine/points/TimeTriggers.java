package dev.laurel.engine.points;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * TRIG-10, TRIG-11: recurring awards. A user's schedule for a time trigger is anchored at T0, the
 * later of the trigger's last activation and the user's creation; firing k (k = 1, 2, …) is due at
 * T0 + k·N hours, or at local midnight of D0 + k·N days. Settling applies every firing due by now,
 * in order, each dated at its scheduled instant; the count of settled firings is kept with the
 * state, so a firing is never applied twice.
 */
public final class TimeTriggers {
  private TimeTriggers() {}

  /** The instant of firing {@code k} of a schedule anchored at {@code anchor} in {@code zone}. */
  public static Instant firing(TriggerRule.Time rule, Instant anchor, ZoneId zone, long k) {
    long steps = Math.multiplyExact(k, (long) rule.interval());
    return switch (rule.unit()) {
      case HOURS -> anchor.plus(Duration.ofHours(steps));
      case DAYS -> {
        LocalDate d0 = anchor.atZone(zone).toLocalDate();
        yield d0.plusDays(steps).atStartOfDay(zone).toInstant();
      }
    };
  }

  /** Settles every firing of every active time trigger due at or before {@code now}. */
  public static void settle(PointsConfig config, Ledger ledger, Instant now) {
    for (SystemConfig system : config.systems()) {
      for (Trigger trigger : system.active(TriggerType.TIME)) {
        if (trigger.activatedAt() != null) {
          settle(system, trigger, ledger, now);
        }
      }
    }
  }

  private static void settle(SystemConfig system, Trigger trigger, Ledger ledger, Instant now) {
    TriggerRule.Time rule = (TriggerRule.Time) trigger.rule();
    Instant activation = trigger.activatedAt();
    Instant created = ledger.user().created();
    Instant anchor = created.isAfter(activation) ? created : activation;
    ZoneId zone = ledger.user().zone();
    TimeProgress stored = ledger.timeProgress(trigger.id());
    long fired = stored != null && stored.activation().equals(activation) ? stored.fired() : 0;
    boolean matches = AttributeFilter.matchAll(trigger.userAttributes(), ledger.user().attributes());
    Instant next = firing(rule, anchor, zone, fired + 1);
    while (!next.isAfter(now)) {
      fired++;
      if (matches) {
        String key = "time:" + trigger.id() + ":" + activation.toEpochMilli() + ":" + fired;
        ledger.fire(system, trigger, BigInteger.valueOf(trigger.points()), next, key);
      }
      next = firing(rule, anchor, zone, fired + 1);
    }
    TimeProgress progress = new TimeProgress(activation, fired, next);
    if (!Objects.equals(progress, stored)) {
      ledger.timeProgress(trigger.id(), progress);
    }
  }
}
