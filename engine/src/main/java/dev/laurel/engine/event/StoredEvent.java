package dev.laurel.engine.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable metric event as stored (CON-6, TIME-3): the processing instant and the user's time
 * zone at that instant fix its local date for ever.
 */
public record StoredEvent(
    String id,
    String userId,
    String metricId,
    BigDecimal value,
    Map<String, String> attributes,
    String tz,
    Instant at,
    String idempotencyKey) {}
