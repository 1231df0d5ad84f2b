package dev.laurel.engine.user;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Everything the engine needs to know about one user to process an event: the profile, the
 * preferences and the metric totals (by metric id). Features add their own state here.
 */
public record UserState(UserProfile profile, Preferences preferences, Map<String, BigDecimal> totals) {

  public UserState {
    totals = Map.copyOf(totals);
  }

  public BigDecimal total(String metricId) {
    return totals.getOrDefault(metricId, BigDecimal.ZERO);
  }
}
