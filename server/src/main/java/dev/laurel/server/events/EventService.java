package dev.laurel.server.events;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakStates;
import dev.laurel.store.Sql;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.Tx;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * Runs EVENT-2 steps 3..6 and EVENT-4 for one event: in the user's lane, load the state, validate,
 * check idempotency, run the pure pipeline, and commit everything the event changed in one
 * (group) transaction before answering (EVENT-9).
 */
public final class EventService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final GroupCommitter committer;
  private final InstantSource clock;
  private final Ids ids;
  private final StreakStates streaks;
  private final EventPipeline pipeline = new EventPipeline();

  public EventService(
      Scopes scopes,
      UserRepository users,
      UserLanes lanes,
      GroupCommitter committer,
      InstantSource clock,
      Ids ids,
      StreakStates streaks) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.committer = committer;
    this.clock = clock;
    this.ids = ids;
    this.streaks = streaks;
  }

  /** The outcome of one event, and whether it was an idempotent replay (IDEM-4). */
  public record Result(EventOutcome outcome, boolean replayed) {}

  public Result record(Scope scope, EventCommand command) {
    return record(scope, command, null);
  }

  /**
   * Processes one event. {@code alongside}, when given, is written in the same transaction as the
   * event's effects (or alone for a replay): the batch worker uses it to dequeue the item
   * exactly once (BATCH-7).
   */
  public Result record(Scope scope, EventCommand command, Sql.TxWork<?> alongside) {
    ScopeConfig config = scopes.config(scope);
    return lanes.run(
        scope,
        command.userId(),
        () -> {
          UserState state = users.load(scope, command.userId());
          Metric metric = pipeline.validate(config, command, state == null ? null : state.profile());
          if (command.idempotencyKey() != null) {
            StoredEvent original =
                users.findByIdempotencyKey(scope, command.userId(), metric.id(), command.idempotencyKey());
            if (original != null) {
              if (alongside != null) {
                committer.commit(alongside);
              }
              return new Result(
                  pipeline.replay(config, metric, state, original, clock.instant()), true);
            }
          }
          EventOutcome outcome =
              pipeline.process(scope, config, metric, state, command, clock.instant(), ids);
          StreakRepository.EncodedState streak = streaks.encode(config, outcome.state());
          committer.commit(
              tx -> {
                persist(tx, scope, state, outcome, metric);
                streaks.write(tx, scope, streak);
                if (alongside != null) {
                  alongside.run(tx);
                }
                return null;
              });
          return new Result(outcome, false);
        });
  }

  private void persist(Tx tx, Scope scope, UserState before, EventOutcome outcome, Metric metric)
      throws SQLException {
    UserState after = outcome.state();
    if (before == null
        || !before.profile().equals(after.profile())
        || !before.preferences().equals(after.preferences())) {
      users.saveProfile(tx, scope, after.profile(), after.preferences());
    }
    users.saveTotal(tx, scope, after.profile().id(), metric.id(), after.total(metric.id()));
    users.insertEvent(tx, scope, outcome.event());
  }
}
