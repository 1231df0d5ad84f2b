package dev.laurel.engine.achievement;

import dev.laurel.engine.Ids;
import dev.laurel.engine.user.UserState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ACH-16 for one user: completes the target achievements the user currently satisfies — filtered
 * total ≥ threshold (metric), current streak length ≥ {@code streakLength} (streak), all
 * prerequisites completed (composite) — then cascades composites unlocked by those completions.
 * API achievements are never backdated. The caller records the completions as silent.
 */
public final class Backdating {
  private Backdating() {}

  /** What a backdating run did for one user. */
  public record Result(AchievementProgress progress, List<CompletedAchievement> completed) {}

  /**
   * {@code targets} are achievement ids; the filtered totals of metric targets with event filters
   * must be loaded in {@code state}. {@code streakLength} is the user's current streak length.
   */
  public static Result run(
      AchievementCatalog catalog,
      UserState state,
      Collection<String> targets,
      int streakLength,
      Instant now,
      Ids ids) {
    Completer completer =
        new Completer(catalog, state.profile().attributes(), state.achievements(), now, ids);
    Set<String> fresh = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String id : targets) {
        Achievement a = catalog.byId(id);
        if (a != null && completer.eligible(a) && satisfied(completer, a, state, streakLength)) {
          completer.complete(a);
          fresh.add(a.id());
          changed = true;
        }
      }
    }
    if (!fresh.isEmpty()) {
      completer.cascade(fresh);
    }
    return new Result(completer.progress(), completer.completed());
  }

  private static boolean satisfied(Completer completer, Achievement a, UserState state, int streakLength) {
    return switch (a.trigger()) {
      case METRIC -> completer.reachesMetricValue(a, state.totals());
      case STREAK -> streakLength >= a.streakLength();
      case ACHIEVEMENT -> completer.prerequisitesDone(a);
      case API -> false;
    };
  }
}
