package dev.laurel.engine.achievement;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** ACH-11 steps 2 and 4..8, ACH-12: completing an API achievement for a user. */
public final class ApiCompletion {
  private ApiCompletion() {}

  /**
   * The outcome of a completion call. {@code completion} is the achievement's completion (the
   * original one on a repeat, ACH-12); {@code completed} lists everything this call completed,
   * the achievement first and then the cascade (ACH-8), and is empty on a repeat.
   */
  public record Result(
      Achievement achievement,
      Completion completion,
      boolean repeat,
      AchievementProgress progress,
      List<CompletedAchievement> completed) {}

  /** ACH-11 step 2: the achievement must exist and not be inactive (ACH-3). */
  public static Achievement visible(AchievementCatalog catalog, String key) {
    Achievement a = catalog.byKey(key);
    if (a == null || a.status() == AchievementStatus.INACTIVE) {
      throw Rejection.notFound("Achievement not found");
    }
    return a;
  }

  /** ACH-11 steps 4..8 for a user whose profile is already upserted (step 3). */
  public static Result complete(
      AchievementCatalog catalog,
      Achievement a,
      Map<String, String> userAttributes,
      AchievementProgress progress,
      Instant now,
      Ids ids) {
    if (a.trigger() != AchievementTrigger.API) {
      throw Rejection.invalid("Achievement " + a.key() + " is not an API achievement");
    }
    Completion existing = progress.completion(a.id());
    if (existing != null) {
      return new Result(a, existing, true, progress, List.of());
    }
    if (a.status() == AchievementStatus.LOCKED) {
      throw Rejection.invalid("Achievement " + a.key() + " is locked");
    }
    if (!AttributeFilter.allMatch(a.userFilters(), userAttributes)) {
      throw Rejection.invalid("User does not meet the requirements of achievement " + a.key());
    }
    Completer completer = new Completer(catalog, userAttributes, progress, now, ids);
    completer.complete(a);
    completer.cascade();
    List<CompletedAchievement> completed = completer.completed();
    return new Result(a, completed.get(0).completion(), false, completer.progress(), completed);
  }
}
