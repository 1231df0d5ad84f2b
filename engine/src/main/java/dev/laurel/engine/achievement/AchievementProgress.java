package dev.laurel.engine.achievement;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's achievement state: completions by achievement id (ACH-5) and the running filtered
 * totals of metric achievements with event filters, by {@link Achievement#filteredTotalKey()}
 * (ACH-6), so that the hot path never re-reads the user's events.
 */
public record AchievementProgress(
    Map<String, Completion> completions, Map<String, BigDecimal> filteredTotals) {

  public static final AchievementProgress NONE = new AchievementProgress(Map.of(), Map.of());

  public AchievementProgress {
    completions = Map.copyOf(completions);
    filteredTotals = Map.copyOf(filteredTotals);
  }

  public boolean hasCompleted(String achievementId) {
    return completions.containsKey(achievementId);
  }

  /** The completion of an achievement, or null. */
  public Completion completion(String achievementId) {
    return completions.get(achievementId);
  }

  /** The running filtered total for this key, or null when it has not been computed yet. */
  public BigDecimal filteredTotal(String key) {
    return filteredTotals.get(key);
  }

  public AchievementProgress withCompletion(Completion completion) {
    Map<String, Completion> next = new HashMap<>(completions);
    next.put(completion.achievementId(), completion);
    return new AchievementProgress(next, filteredTotals);
  }

  public AchievementProgress withFilteredTotal(String key, BigDecimal total) {
    Map<String, BigDecimal> next = new HashMap<>(filteredTotals);
    next.put(key, total);
    return new AchievementProgress(completions, next);
  }
}
