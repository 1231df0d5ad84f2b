package dev.laurel.server.events;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.achievement.AchievementProgressStore;
import dev.laurel.server.leaderboard.LeaderboardTracker;
import dev.laurel.server.leaderboard.Placement;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakStates;
import dev.laurel.store.Sql;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.Tx;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs EVENT-2 steps 3..6 and EVENT-4 for one event: in the user's lane, read the user's latest
 * state, validate, check idempotency, run the pure pipeline and stage the new state with its writes
 * ({@link UserStates}); then, out of the lane, wait until the group commit made everything the
 * event changed durable before answering (EVENT-9).
 */
public final class EventService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final UserStates states;
  private final InstantSource clock;
  private final Ids ids;
  private final StreakStates streaks;
  private final EventPipeline pipeline = new EventPipeline();
  private final AchievementProgressStore achievements;
  private final List<OutcomeWriter> writers = new CopyOnWriteArrayList<>();

  /** What a feature stores of an event's outcome, inside the event's transaction (EVENT-4 step 8). */
  @FunctionalInterface
  public interface OutcomeWriter {
    void write(Tx tx, Scope scope, UserState before, EventOutcome outcome) throws SQLException;
  }

  /** Registers a writer; call before serving requests. */
  public void addWriter(OutcomeWriter writer) {
    writers.add(writer);
  }
  private volatile LeaderboardTracker leaderboards;

  public EventService(
      Scopes scopes,
      UserRepository users,
      UserLanes lanes,
      UserStates states,
      InstantSource clock,
      Ids ids,
      AchievementProgressStore achievements,
      StreakStates streaks) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.states = states;
    this.clock = clock;
    this.ids = ids;
    this.achievements = achievements;
    this.streaks = streaks;
  }

  /** The configuration snapshot responses are rendered with. */
  public ScopeConfig config(Scope scope) {
    return scopes.config(scope);
  }

  /** Applies step 7's entry changes to the rankings (LB-31); call before serving requests. */
  public void trackLeaderboards(LeaderboardTracker tracker) {
    this.leaderboards = tracker;
  }

  /**
   * The outcome of one event, whether it was an idempotent replay (IDEM-4), and the leaderboards
   * whose value changed with their ranks (LB-31).
   */
  public record Result(EventOutcome outcome, boolean replayed, List<Placement> leaderboards) {
    public Result(EventOutcome outcome, boolean replayed) {
      this(outcome, replayed, List.of());
    }
  }

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
    if (config.metricByKey(command.metricKey()) == null && scopes.refreshIfChanged()) {
      config = scopes.config(scope);
    }
    ScopeConfig snapshot = config;
    Prepared prepared =
        lanes.run(
            scope,
            command.userId(),
            () -> states.session(scope, command.userId(), session -> prepare(session, scope, snapshot, command, alongside)));
    prepared.await();
    if (!prepared.result().replayed()) {
      achievements.committed(scope, !prepared.result().outcome().achievements().isEmpty());
    }
    return prepared.result();
  }

  /** What a request did in its lane; awaited outside the lane before answering. */
  private record Prepared(Result result, UserStates.Staged first, UserStates.Staged second) {
    void await() {
      first.await();
      if (second != null) {
        second.await();
      }
    }
  }

  private Prepared prepare(
      UserStates session, Scope scope, ScopeConfig config, EventCommand command, Sql.TxWork<?> alongside) {
    UserStates.Loaded read = session.load(scope, command.userId());
    UserState state = read.state();
    Metric metric = pipeline.validate(config, command, state == null ? null : state.profile());
    if (command.idempotencyKey() != null) {
      UserStates.Staged original =
          session.findByIdempotencyKey(scope, command.userId(), metric.id(), command.idempotencyKey());
      if (original != null) {
        UserStates.Staged dequeue =
            alongside == null
                ? null
                : session.stage(read, scope, command.userId(), state, null, alongside);
        return new Prepared(
            new Result(pipeline.replay(config, metric, state, original.event(), clock.instant()), true),
            original,
            dequeue);
      }
    }
    UserState ready = achievements.prepare(scope, config, List.of(metric.id()), state);
    EventOutcome outcome = pipeline.process(scope, config, metric, ready, command, clock.instant(), ids);
    StreakRepository.EncodedState streak = streaks.encode(config, state, outcome.state());
    LeaderboardTracker tracker = leaderboards;
    LeaderboardTracker.Applied ranked =
        tracker == null ? null : tracker.apply(scope, config, state, outcome.state());
    UserStates.Staged staged =
        session.stage(
            read,
            scope,
            command.userId(),
            outcome.state(),
            outcome.event(),
            tx -> {
              persist(tx, scope, state, outcome, metric);
              streaks.write(tx, scope, streak);
              if (ranked != null) {
                ranked.write(tx);
              }
              if (alongside != null) {
                alongside.run(tx);
              }
              return null;
            });
    if (ranked == null) {
      return new Prepared(new Result(outcome, false), staged, null);
    }
    ranked.repairOnFailure(staged.done());
    return new Prepared(new Result(outcome, false, ranked.placements()), staged, null);
  }

  private void persist(Tx tx, Scope scope, UserState before, EventOutcome outcome, Metric metric)
      throws SQLException {
    UserState after = outcome.state();
    if (before == null
        || !before.profile().equals(after.profile())
        || !before.preferences().equals(after.preferences())) {
      users.saveProfile(tx, scope, after.profile(), after.preferences());
    }
    users.saveTotals(tx, scope, after.profile().id(), after.totals());
    users.insertEvent(tx, scope, outcome.event());
    achievements.save(
        tx,
        scope,
        after.profile().id(),
        before == null ? AchievementProgress.NONE : before.achievements(),
        after.achievements(),
        false);
    for (OutcomeWriter writer : writers) {
      writer.write(tx, scope, before, outcome);
    }
  }
}
