package dev.laurel.engine.achievement;

import dev.laurel.engine.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes achievements for one user within one request, in order, at most once each (ACH-5),
 * and runs the composite cascade (ACH-8). Only active achievements whose user-attribute filters
 * the user matches are ever completed (ACH-3, ATTR-11).
 */
final class Completer {
  private final AchievementCatalog catalog;
  private final Map<String, String> userAttributes;
  private final Instant now;
  private final Ids ids;
  private final List<CompletedAchievement> completed = new ArrayList<>();
  private AchievementProgress progress;

  Completer(
      AchievementCatalog catalog,
      Map<String, String> userAttributes,
      AchievementProgress progress,
      Instant now,
      Ids ids) {
    this.catalog = catalog;
    this.userAttributes = userAttributes;
    this.progress = progress;
    this.now = now;
    this.ids = ids;
  }

  /** Whether {@code a} may complete now: active, not yet completed, filters matched. */
  boolean eligible(Achievement a) {
    return a.isActive()
        && !progress.hasCompleted(a.id())
        && AttributeFilter.allMatch(a.userFilters(), userAttributes);
  }

  /** ACH-6: the filtered total (or the metric total without filters) reaches the threshold. */
  boolean reachesMetricValue(Achievement a, Map<String, BigDecimal> totals) {
    BigDecimal total =
        a.hasEventFilters()
            ? progress.filteredTotal(a.filteredTotalKey())
            : totals.getOrDefault(a.metricId(), BigDecimal.ZERO);
    if (total == null) {
      throw new IllegalStateException("filtered total of " + a.key() + " was not loaded");
    }
    return total.compareTo(a.metricValue()) >= 0;
  }

  boolean prerequisitesDone(Achievement a) {
    for (String id : a.prerequisiteIds()) {
      if (!progress.hasCompleted(id)) {
        return false;
      }
    }
    return true;
  }

  void complete(Achievement a) {
    Completion c = new Completion(ids.next(), a.id(), now);
    progress = progress.withCompletion(c);
    completed.add(new CompletedAchievement(a, c));
  }

  /** ACH-8: re-checks every composite until none completes. */
  void cascade() {
    cascade(null);
  }

  /**
   * ACH-8, ACH-16: re-checks composites until none completes. With {@code since} given, only
   * composites with a prerequisite completed in this request are considered (a backdating run
   * must not complete composites that nothing new unlocked, ACH-10).
   */
  void cascade(Set<String> since) {
    Set<String> fresh = since == null ? null : new HashSet<>(since);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Achievement a : catalog.composites()) {
        boolean unlocked = fresh == null || a.prerequisiteIds().stream().anyMatch(fresh::contains);
        if (unlocked && eligible(a) && prerequisitesDone(a)) {
          complete(a);
          if (fresh != null) {
            fresh.add(a.id());
          }
          changed = true;
        }
      }
    }
  }

  AchievementProgress progress() {
    return progress;
  }

  List<CompletedAchievement> completed() {
    return List.copyOf(completed);
  }
}
