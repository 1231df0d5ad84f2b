package dev.laurel.engine.leaderboard;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one request contributes to leaderboard values (LB-9, LB-15..LB-18): a metric event's value
 * on its metric (or null), the summed effective points deltas per points-system id, and the streak
 * length after the request (or null when the request did not touch streaks).
 */
public record Contribution(
    String metricId, BigDecimal metricValue, Map<String, Long> pointsDeltas, Integer streakLength) {

  public static final Contribution NONE = new Contribution(null, null, Map.of(), null);

  public Contribution {
    pointsDeltas = Map.copyOf(pointsDeltas);
  }
}
