package dev.laurel.engine.event;

import dev.laurel.engine.user.UserPatch;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric event as the client sent it (EVENT-1, BATCH-1), already checked for shape.
 * {@code idempotencyKey} is null when absent (IDEM-1).
 */
public record EventCommand(
    String metricKey,
    String userId,
    UserPatch user,
    BigDecimal value,
    Map<String, String> attributes,
    String idempotencyKey) {

  public EventCommand {
    // Request order is kept: ATTR-6 names unknown keys in the order the request gave them.
    attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
