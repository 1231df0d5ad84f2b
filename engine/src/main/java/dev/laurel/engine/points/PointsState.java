package dev.laurel.engine.points;

import java.util.Map;

/**
 * A user's points state: totals by system id (PTS-2), metric-trigger progress and time-trigger
 * schedules by trigger id.
 */
public record PointsState(
    Map<String, Long> totals, Map<String, MetricProgress> metricProgress, Map<String, TimeProgress> timeProgress) {

  public static final PointsState EMPTY = new PointsState(Map.of(), Map.of(), Map.of());

  public PointsState {
    totals = Map.copyOf(totals);
    metricProgress = Map.copyOf(metricProgress);
    timeProgress = Map.copyOf(timeProgress);
  }

  /** PTS-2: 0 for a user with no awards. */
  public long total(String systemId) {
    return totals.getOrDefault(systemId, 0L);
  }
}
