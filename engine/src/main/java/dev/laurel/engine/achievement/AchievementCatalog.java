package dev.laurel.engine.achievement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The achievements of one scope, part of its configuration snapshot: every non-deleted
 * achievement in creation order, with the orders that ACH-18 and METRIC-9 need precomputed.
 */
public final class AchievementCatalog {
  public static final AchievementCatalog EMPTY = new AchievementCatalog(List.of());

  private final List<Achievement> all;
  private final Map<String, Achievement> byId = new HashMap<>();
  private final Map<String, Achievement> byKey = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>();
  private final Map<String, List<Achievement>> byMetric = new HashMap<>();
  private final List<Achievement> streaks = new ArrayList<>();
  private final List<Achievement> composites = new ArrayList<>();

  /** {@code achievements} in creation order. */
  public AchievementCatalog(List<Achievement> achievements) {
    this.all = List.copyOf(achievements);
    for (int i = 0; i < all.size(); i++) {
      Achievement a = all.get(i);
      byId.put(a.id(), a);
      byKey.put(a.key(), a);
      position.put(a.id(), i);
      switch (a.trigger()) {
        case METRIC -> byMetric.computeIfAbsent(a.metricId(), k -> new ArrayList<>()).add(a);
        case STREAK -> streaks.add(a);
        case ACHIEVEMENT -> composites.add(a);
        case API -> {}
      }
    }
    byMetric.values().forEach(list -> list.sort(byMetricValue()));
    streaks.sort(Comparator.comparingInt(Achievement::streakLength).thenComparing(this::position));
  }

  /** Every achievement of the scope (any status) in creation order. */
  public List<Achievement> all() {
    return all;
  }

  public Achievement byId(String id) {
    return byId.get(id);
  }

  public Achievement byKey(String key) {
    return byKey.get(key);
  }

  /** Creation rank, for "then creation" tie-breaks. */
  public int position(Achievement a) {
    return position.getOrDefault(a.id(), Integer.MAX_VALUE);
  }

  /** Metric achievements on a metric, by {@code metricValue} then creation (ACH-18, METRIC-9). */
  public List<Achievement> onMetric(String metricId) {
    return byMetric.getOrDefault(metricId, List.of());
  }

  /** Streak achievements by {@code streakLength} then creation (ACH-18). */
  public List<Achievement> streaks() {
    return streaks;
  }

  /** Composite achievements in creation order (ACH-8). */
  public List<Achievement> composites() {
    return composites;
  }

  /**
   * The metric achievements on a metric whose filtered totals users carry (ACH-6): those with
   * event filters that are active or locked (a locked one may become active again).
   */
  public List<Achievement> tracked(String metricId) {
    List<Achievement> out = new ArrayList<>();
    for (Achievement a : onMetric(metricId)) {
      if (a.hasEventFilters() && a.status() != AchievementStatus.INACTIVE) {
        out.add(a);
      }
    }
    return out;
  }

  /** The first achievement that has {@code id} among its prerequisites, or null. */
  public Achievement dependentOf(String id) {
    for (Achievement a : composites) {
      if (a.prerequisiteIds().contains(id)) {
        return a;
      }
    }
    return null;
  }

  /** The first achievement on this metric, or null (METRIC-5). */
  public Achievement usingMetric(String metricId) {
    List<Achievement> on = onMetric(metricId);
    return on.isEmpty() ? null : on.get(0);
  }

  /** The first achievement with a filter on this attribute, or null (ATTR-5). */
  public Achievement usingAttribute(String attributeId) {
    for (Achievement a : all) {
      if (uses(a.userFilters(), attributeId) || uses(a.eventFilters(), attributeId)) {
        return a;
      }
    }
    return null;
  }

  private static boolean uses(List<AttributeFilter> filters, String attributeId) {
    return filters.stream().anyMatch(f -> f.attributeId().equals(attributeId));
  }

  private Comparator<Achievement> byMetricValue() {
    return Comparator.comparing(Achievement::metricValue).thenComparing(this::position);
  }
}
