package dev.laurel.server.points;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsEngine;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TriggerType;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.GroupCommitter;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.PointsRepository;
import dev.laurel.store.Sql;
import dev.laurel.store.Tx;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Users' points outside the event pipeline, each in the user's lane (EVENT-8) and committed before
 * it returns: settling due time-trigger firings when a user is read or swept (TRIG-10, TRIG-11),
 * user-creation awards for users created by the user endpoints (USER-4), and storing what an
 * event's pipeline awarded.
 */
public final class PointsService {
  private static final int SWEEP_PAGE = 500;

  private final Scopes scopes;
  private final UserRepository users;
  private final PointsRepository points;
  private final UserLanes lanes;
  private final GroupCommitter committer;
  private final InstantSource clock;
  private final Ids ids;

  public PointsService(
      Scopes scopes,
      UserRepository users,
      PointsRepository points,
      UserLanes lanes,
      GroupCommitter committer,
      InstantSource clock,
      Ids ids) {
    this.scopes = scopes;
    this.users = users;
    this.points = points;
    this.lanes = lanes;
    this.committer = committer;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * TRIG-11: the user's state including every time firing due now (settled and committed first),
   * or null when the user does not exist.
   */
  public UserState settled(Scope scope, String userId) {
    PointsConfig config = scopes.config(scope).points();
    if (!config.hasActive(TriggerType.TIME)) {
      return users.load(scope, userId);
    }
    return lanes.run(
        scope,
        userId,
        () -> {
          UserState state = users.load(scope, userId);
          if (state == null) {
            return null;
          }
          PointsEngine.Result result =
              PointsEngine.settle(config, state.profile(), state.points(), clock.instant(), ids);
          if (result.changed(state.points())) {
            committer.commit(tx -> store(tx, scope, userId, state.points(), result));
          }
          return state.withPoints(result.state());
        });
  }

  /**
   * {@link dev.laurel.server.users.UserService.WriteHook}: a new user gets the user-creation
   * awards (USER-4 item 3, TRIG-12); an existing one has its due time firings settled.
   */
  public Sql.TxWork<?> onUserWrite(Scope scope, UserState before, UserProfile after, Instant now) {
    PointsConfig config = scopes.config(scope).points();
    PointsState state = before == null ? PointsState.EMPTY : before.points();
    PointsEngine.Result result =
        before == null
            ? PointsEngine.userCreated(config, after, state, now, ids)
            : PointsEngine.settle(config, before.profile(), state, now, ids);
    if (!result.changed(state)) {
      return null;
    }
    return tx -> store(tx, scope, after.id(), state, result);
  }

  /** {@link dev.laurel.server.events.EventService.OutcomeWriter}: an event's points effects. */
  public void writeEvent(Tx tx, Scope scope, UserState before, EventOutcome outcome) throws SQLException {
    PointsState old = before == null ? PointsState.EMPTY : before.points();
    String userId = outcome.state().profile().id();
    points.saveState(tx, scope, userId, old, outcome.state().points());
    points.insertAwards(tx, scope, outcome.points().all());
  }

  private Void store(Tx tx, Scope scope, String userId, PointsState before, PointsEngine.Result result)
      throws SQLException {
    points.saveState(tx, scope, userId, before, result.state());
    points.insertAwards(tx, scope, result.awards());
    return null;
  }

  /**
   * TRIG-10: settles every user whose schedule of some active time trigger is due (or was never
   * settled since the trigger's activation), in every scope or in one ({@code only} non-null).
   * Returns the number of users settled.
   */
  public int sweep(Scope only) {
    int settled = 0;
    Instant now = clock.instant();
    for (PointsRepository.TimeTriggerRef trigger : points.activeTimeTriggers()) {
      if (only != null && !only.equals(trigger.scope())) {
        continue;
      }
      String after = "";
      while (true) {
        List<String> due = points.dueUsers(trigger, now, after, SWEEP_PAGE);
        for (String userId : due) {
          settled(trigger.scope(), userId);
          settled++;
        }
        if (due.size() < SWEEP_PAGE) {
          break;
        }
        after = due.get(due.size() - 1);
      }
    }
    return settled;
  }
}
