package dev.laurel.server.points;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsEngine;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TriggerType;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.leaderboard.LeaderboardTracker;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.AwardRepository;
import dev.laurel.store.PointsRepository;
import dev.laurel.store.Sql;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Users' points outside the event pipeline, each in the user's lane (EVENT-8) on the user's latest
 * state ({@link UserStates}) and durable before it returns: settling due time-trigger firings when a
 * user is read or swept (TRIG-10, TRIG-11), user-creation awards for users created by the user
 * endpoints (USER-4), and storing what an event's pipeline awarded.
 */
public final class PointsService {
  private static final int SWEEP_PAGE = 500;

  private final Scopes scopes;
  private final PointsRepository points;
  private final AwardRepository awards;
  private final UserLanes lanes;
  private final UserStates states;
  private final InstantSource clock;
  private final Ids ids;

  public PointsService(
      Scopes scopes,
      PointsRepository points,
      AwardRepository awards,
      UserLanes lanes,
      UserStates states,
      InstantSource clock,
      Ids ids) {
    this.scopes = scopes;
    this.points = points;
    this.awards = awards;
    this.lanes = lanes;
    this.states = states;
    this.clock = clock;
    this.ids = ids;
  }

  private record Settled(UserState state, UserStates.Staged staged) {}

  private volatile LeaderboardTracker leaderboards;

  /** LB-16: time-trigger awards settled outside events update points leaderboards. */
  public void trackLeaderboards(LeaderboardTracker tracker) {
    this.leaderboards = tracker;
  }

  /**
   * TRIG-11: the user's state including every time firing due now (settled and committed first),
   * or null when the user does not exist.
   */
  public UserState settled(Scope scope, String userId) {
    PointsConfig config = scopes.config(scope).points();
    Settled settled =
        lanes.run(
            scope,
            userId,
            () ->
                states.session(
                    scope,
                    userId,
                    session -> {
                      UserStates.Loaded read = session.load(scope, userId);
                      UserState state = read.state();
                      if (state == null || !config.hasActive(TriggerType.TIME)) {
                        return new Settled(state, null);
                      }
                      PointsEngine.Result result =
                          PointsEngine.settle(config, state.profile(), state.points(), clock.instant(), ids);
                      if (!result.changed(state.points())) {
                        return new Settled(state, null);
                      }
                      UserState next = state.withPoints(result.state());
                      LeaderboardTracker tracker = leaderboards;
                      LeaderboardTracker.Applied ranked = null;
                      if (tracker != null) {
                        // LB-16: time-trigger awards reach points leaderboards
                        var refreshed = tracker.refresh(scope, scopes.config(scope), state, next, null, clock.instant());
                        next = refreshed.state();
                        ranked = refreshed.applied();
                      }
                      LeaderboardTracker.Applied rankedWrites = ranked;
                      UserStates.Staged staged =
                          session.stage(read, scope, userId, next, null, tx -> {
                            store(tx, scope, userId, state.points(), result);
                            if (rankedWrites != null) {
                              rankedWrites.write(tx);
                            }
                            return null;
                          });
                      if (rankedWrites != null) {
                        rankedWrites.repairOnFailure(staged.done());
                      }
                      return new Settled(next, staged);
                    }));
    if (settled.staged() != null) {
      settled.staged().await();
    }
    return settled.state();
  }

  /**
   * {@link dev.laurel.server.users.UserService.WriteHook}: a new user gets the user-creation
   * awards (USER-4 item 3, TRIG-12); an existing one has its due time firings settled.
   */
  public UserState onUserWrite(Scope scope, UserState before, UserState next, Instant now, List<Sql.TxWork<?>> writes) {
    PointsConfig config = scopes.config(scope).points();
    PointsState state = next.points();
    PointsEngine.Result result =
        before == null
            ? PointsEngine.userCreated(config, next.profile(), state, now, ids)
            : PointsEngine.settle(config, before.profile(), state, now, ids);
    if (!result.changed(state)) {
      return next;
    }
    String userId = next.profile().id();
    writes.add(tx -> store(tx, scope, userId, state, result));
    return next.withPoints(result.state());
  }

  /**
   * ACH-11: the points part of an API completion — user-creation awards for a user the request
   * created and achievement-trigger awards for every completion (TRIG-9); returns {@code next}
   * with the new points state and the outcome to report, adding the writes to {@code writes}.
   */
  public PointsEngine.Completion onAchievementCompletion(
      Scope scope, UserState before, UserState next, List<String> achievementIds, Instant now, List<Sql.TxWork<?>> writes) {
    PointsConfig config = scopes.config(scope).points();
    PointsState state = next.points();
    PointsEngine.Completion completion =
        PointsEngine.achievementsCompleted(config, next.profile(), state, before == null, achievementIds, now, ids);
    if (!completion.outcome().all().isEmpty() || !completion.state().equals(state)) {
      String userId = next.profile().id();
      writes.add(tx -> {
        points.saveState(tx, scope, userId, state, completion.state());
        awards.insertAwards(tx, scope, completion.outcome().all());
        return null;
      });
    }
    return completion;
  }

  /** {@link dev.laurel.server.events.EventService.OutcomeWriter}: an event's points effects. */
  public void writeEvent(Tx tx, Scope scope, UserState before, EventOutcome outcome) throws SQLException {
    PointsState old = before == null ? PointsState.EMPTY : before.points();
    String userId = outcome.state().profile().id();
    points.saveState(tx, scope, userId, old, outcome.state().points());
    awards.insertAwards(tx, scope, outcome.points().all());
  }

  private Void store(Tx tx, Scope scope, String userId, PointsState before, PointsEngine.Result result)
      throws SQLException {
    points.saveState(tx, scope, userId, before, result.state());
    awards.insertAwards(tx, scope, result.awards());
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
