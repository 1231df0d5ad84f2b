package dev.laurel.server.achievement;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserStates;
import dev.laurel.store.AchievementRepository;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The server side of a user's achievement state: loads the filtered totals a request needs and the
 * user does not carry yet (computed once from the user's events, ACH-6), writes completions and
 * totals in the request's transaction, and refreshes statistics after commit (ACH-13).
 */
public final class AchievementProgressStore {
  private final AchievementRepository repository;
  private final AchievementStats stats;
  private final UserStates states;

  public AchievementProgressStore(AchievementRepository repository, AchievementStats stats, UserStates states) {
    this.repository = repository;
    this.stats = stats;
    this.states = states;
  }

  /**
   * Adds to {@code state} the missing filtered totals of tracked achievements on these metrics.
   * Runs in the user's lane; the user's staged writes are awaited first, so every earlier event
   * is in the store when the history is summed. Null stays null.
   */
  public UserState prepare(Scope scope, ScopeConfig config, Collection<String> metricIds, UserState state) {
    if (state == null) {
      return null;
    }
    AchievementProgress progress = state.achievements();
    for (String metricId : metricIds) {
      for (Achievement a : config.achievements().tracked(metricId)) {
        if (progress.filteredTotal(a.filteredTotalKey()) == null) {
          if (progress == state.achievements()) {
            states.awaitWrites(scope, state.profile().id());
          }
          var sum = repository.sumOfMatchingEvents(scope, state.profile().id(), metricId, a.eventFilters());
          progress = progress.withFilteredTotal(a.filteredTotalKey(), Decimals.normalize(sum));
        }
      }
    }
    return progress == state.achievements() ? state : state.withAchievements(progress);
  }

  /** Writes the difference between the stored progress and the new one. */
  public void save(
      Tx tx, Scope scope, String userId, AchievementProgress stored, AchievementProgress next, boolean backdated)
      throws SQLException {
    repository.saveProgress(tx, scope, userId, stored, next, backdated);
  }

  /** After commit: completions change the scope's statistics. */
  public void committed(Scope scope, boolean completedSomething) {
    if (completedSomething) {
      stats.invalidate(scope);
    }
  }
}
