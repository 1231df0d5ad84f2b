package dev.laurel.engine.points;

import java.time.Instant;
import java.util.List;

/**
 * A points trigger (TRIG-1). {@code activatedAt} is the instant of the last activation (the anchor
 * of time triggers, TRIG-10; null while never active). {@code epoch} changes when a change must
 * reset metric accumulators (TRIG-7: metric or event filters), {@code revision} when the
 * threshold changes (TRIG-7: paid count re-based).
 */
public record Trigger(
    String id,
    String systemId,
    long points,
    TriggerStatus status,
    List<AttributeFilter> userAttributes,
    TriggerRule rule,
    boolean blockIfOutOfPoints,
    Instant created,
    Instant updated,
    Instant activatedAt,
    long epoch,
    long revision) {

  public Trigger {
    userAttributes = List.copyOf(userAttributes);
  }

  public TriggerType type() {
    return rule.type();
  }

  public boolean isActive() {
    return status == TriggerStatus.ACTIVE;
  }
}
