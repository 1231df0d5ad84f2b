package dev.laurel.server.streaks;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.FreezeGrant;
import dev.laurel.engine.streak.StreakEngine;
import dev.laurel.engine.streak.StreakPause;
import dev.laurel.engine.streak.StreakPrefs;
import dev.laurel.engine.streak.StreakResult;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.leaderboard.LeaderboardTracker;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Sql;
import dev.laurel.store.StreakRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Streak commands on one user outside events (FREEZE-6, PAUSE-1, PAUSE-6, RESTORE-1..6, the sweep
 * of STREAK-9): each runs in the user's lane on the user's latest state, so it is ordered with the
 * user's events, stages the new state (and its side rows) like an event and answers once they are
 * committed. An empty answer means the user does not exist.
 */
public final class StreakCommands {
  private final Scopes scopes;
  private final StreakRepository streaks;
  private final UserLanes lanes;
  private final UserStates states;
  private final StreakStates streakStates;
  private final InstantSource clock;
  private volatile LeaderboardTracker leaderboards;

  public StreakCommands(
      Scopes scopes,
      StreakRepository streaks,
      UserLanes lanes,
      UserStates states,
      StreakStates streakStates,
      InstantSource clock) {
    this.scopes = scopes;
    this.streaks = streaks;
    this.lanes = lanes;
    this.states = states;
    this.streakStates = streakStates;
    this.clock = clock;
  }

  /** Updates streak leaderboards with the commands' effects (LB-17, LB-18); call before serving. */
  public void trackLeaderboards(LeaderboardTracker tracker) {
    this.leaderboards = tracker;
  }

  /** What a command did: its answer, the state to store (null: nothing), rows to write beside. */
  private record Change<T>(T answer, StreakState state, Sql.TxWork<?> alongside) {}

  /** The engine's inputs for one stored user at one instant. */
  private record Subject(
      StreakEngine engine, StreakPrefs prefs, StreakState state, ZoneId zone, Instant now) {}

  @FunctionalInterface
  private interface Command<T> {
    Change<T> apply(Subject subject);
  }

  /** Whether the user exists in the scope (the first check of PAUSE-1). */
  public boolean exists(Scope scope, String userId) {
    return lanes.run(
        scope,
        userId,
        () -> states.session(scope, userId, session -> session.load(scope, userId).state() != null));
  }

  /** FREEZE-6: grants {@code requested} freezes to the user, up to the maximum. */
  public Optional<FreezeGrant> grantFreezes(Scope scope, String userId, int requested) {
    return run(
        scope,
        userId,
        s -> {
          FreezeGrant grant = s.engine().grantFreezes(s.prefs(), s.state(), requested, s.zone(), s.now());
          return new Change<>(grant, grant.outcome().state(), null);
        });
  }

  /** PAUSE-1: adds the pause unless it starts in the past or ends before it starts. */
  public Optional<StreakResult> addPause(Scope scope, String userId, StreakPause pause) {
    return run(
        scope,
        userId,
        s -> {
          StreakResult result =
              s.engine()
                  .addPause(
                      s.prefs(), s.state(), pause.id(), pause.start(), pause.end(), s.zone(), s.now());
          return applied(
              result,
              tx -> {
                streaks.insertPause(tx, scope, userId, pause, s.now());
                return null;
              });
        });
  }

  /** PAUSE-6: archives an active pause of the user. */
  public Optional<StreakResult> archivePause(Scope scope, String userId, String pauseId) {
    return run(
        scope,
        userId,
        s ->
            applied(
                s.engine().archivePause(s.prefs(), s.state(), pauseId, s.zone(), s.now()),
                tx -> streaks.archivePause(tx, scope, pauseId)));
  }

  /** RESTORE-2..5. */
  public Optional<StreakResult> restore(Scope scope, String userId) {
    return run(
        scope,
        userId,
        s -> applied(s.engine().restore(s.prefs(), s.state(), s.zone(), s.now()), null));
  }

  /** STREAK-9, FREEZE-4: settles the user up to now (the sweep). */
  public boolean settle(Scope scope, String userId) {
    return run(
            scope,
            userId,
            s -> {
              StreakState settled =
                  s.engine().settle(s.prefs(), s.state(), s.zone(), s.now()).state();
              return new Change<>(Boolean.TRUE, settled, null);
            })
        .isPresent();
  }

  private static Change<StreakResult> applied(StreakResult result, Sql.TxWork<?> alongside) {
    return switch (result) {
      case StreakResult.Applied applied ->
          new Change<>(result, applied.outcome().state(), alongside);
      case StreakResult.Refused refused -> new Change<>(refused, null, null);
    };
  }

  private <T> Optional<T> run(Scope scope, String userId, Command<T> command) {
    Staged<T> staged =
        lanes.run(
            scope,
            userId,
            () -> states.session(scope, userId, session -> stage(session, scope, userId, command)));
    if (staged == null) {
      return Optional.empty();
    }
    if (staged.write() != null) {
      staged.write().await();
    }
    return Optional.of(staged.answer());
  }

  /** A command's answer and its write, staged in the lane and awaited outside it. */
  private record Staged<T>(T answer, UserStates.Staged write) {}

  private <T> Staged<T> stage(
      UserStates session, Scope scope, String userId, Command<T> command) {
    UserStates.Loaded read = session.load(scope, userId);
    UserState user = read.state();
    if (user == null) {
      return null;
    }
    ScopeConfig config = scopes.config(scope);
    Subject subject =
        new Subject(
            config.streaks(),
            UserStreaks.prefs(user, config),
            UserStreaks.state(user, config),
            user.profile().zone(),
            clock.instant());
    Change<T> change = command.apply(subject);
    if (change.state() == null) {
      return new Staged<>(change.answer(), null);
    }
    UserState next = user.withStreak(change.state());
    LeaderboardTracker tracker = leaderboards;
    LeaderboardTracker.Applied ranked = null;
    if (tracker != null) {
      // LB-17, LB-18: streak leaderboards follow losses, restores and recomputations
      var refreshed =
          tracker.refresh(scope, config, user, next, UserStreaks.currentLength(config, next, subject.now()), subject.now());
      next = refreshed.state();
      ranked = refreshed.applied();
    }
    StreakRepository.EncodedState encoded = streakStates.encode(config, next);
    LeaderboardTracker.Applied rankedWrites = ranked;
    UserStates.Staged write =
        session.stage(
            read,
            scope,
            userId,
            next,
            null,
            tx -> {
              streakStates.write(tx, scope, encoded);
              if (rankedWrites != null) {
                rankedWrites.write(tx);
              }
              if (change.alongside() != null) {
                change.alongside().run(tx);
              }
              return null;
            });
    if (rankedWrites != null) {
      rankedWrites.repairOnFailure(write.done());
    }
    return new Staged<>(change.answer(), write);
  }
}
