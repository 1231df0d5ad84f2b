package dev.laurel.server.users;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.PreferencesPatch;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserRules;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.leaderboard.LeaderboardTracker;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakStates;
import dev.laurel.store.Sql;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.UserRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * User writes outside events (USER-3..USER-11, PREF-4), in the user's lane so they are ordered
 * with that user's events, and committed before the answer. The streak state follows: created with
 * the user (USER-4), settled in the old zone up to a tz change (TIME-6), and settled with the old
 * preferences before new streak preferences apply (STREAK-19, STREAK-20).
 */
public final class UserService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final UserStates states;
  private final InstantSource clock;
  private volatile LeaderboardTracker leaderboards;
  private final StreakStates streaks;
  private final List<WriteHook> hooks = new CopyOnWriteArrayList<>();

  /**
   * Work a feature adds to a user write (USER-4 creation effects, settling time-driven state), run
   * in the user's lane and committed in the same transaction as the user.
   */
  @FunctionalInterface
  public interface WriteHook {
    /**
     * Returns {@code next} (the state about to be stored) with the feature's changes, adding the
     * writes they need to {@code writes}. {@code before} is null for a new user.
     */
    UserState onWrite(Scope scope, UserState before, UserState next, Instant now, List<Sql.TxWork<?>> writes);
  }

  /** Registers a hook; call before serving requests. */
  public void addHook(WriteHook hook) {
    hooks.add(hook);
  }

  public UserService(
      Scopes scopes,
      UserRepository users,
      UserLanes lanes,
      UserStates states,
      InstantSource clock,
      StreakStates streaks) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.states = states;
    this.clock = clock;
    this.streaks = streaks;
  }

  /**
   * LB-14, LB-16, LB-17: moves the user's leaderboard values when their attributes change and
   * follows the points and streak changes of user writes; call before serving requests.
   */
  public void trackLeaderboards(LeaderboardTracker tracker) {
    this.leaderboards = tracker;
  }

  /** A change staged in the lane, awaited outside it. */
  private record Change<T>(T value, UserStates.Staged staged) {
    T await() {
      if (staged != null) {
        staged.await();
      }
      return value;
    }
  }

  /** {@code PUT /users/{id}}: upsert (USER-6). */
  public UserProfile identify(Scope scope, String id, UserPatch patch) {
    return write(scope, id, patch, true, true);
  }

  /** {@code POST /users}: create; an existing id is a 400 (USER-6). */
  public UserProfile create(Scope scope, String id, UserPatch patch) {
    return write(scope, id, patch, true, false);
  }

  /** {@code PATCH /users/{id}}: update an existing user (USER-6). */
  public UserProfile update(Scope scope, String id, UserPatch patch) {
    return write(scope, id, patch, false, true);
  }

  private UserProfile write(Scope scope, String id, UserPatch patch, boolean mayCreate, boolean mayUpdate) {
    ScopeConfig config = scopes.config(scope);
    UserRules.checkId(id);
    Change<UserProfile> change = lanes.run(
        scope,
        id,
        () -> states.session(scope, id, session -> {
          UserStates.Loaded read = session.load(scope, id);
          UserState state = read.state();
          if (state == null && !mayCreate) {
            throw Rejection.notFound("User not found");
          }
          if (state != null && !mayUpdate) {
            throw Rejection.malformed("User " + id + " already exists");
          }
          UserRules.check(config, patch, state == null ? null : state.profile());
          Instant now = clock.instant();
          UserProfile profile =
              state == null
                  ? UserRules.create(scope, config, id, patch, now)
                  : UserRules.update(state.profile(), patch, now);
          Preferences prefs = state == null ? Preferences.NONE : state.preferences();
          boolean profileChanged = state == null || !profile.equals(state.profile());
          // USER-4: control (above), then the initial freezes, then the hooks (user_creation points)
          UserState next = profileChanged ? UserStreaks.withProfile(config, state, profile, prefs, now) : state;
          List<Sql.TxWork<?>> extra = new ArrayList<>();
          for (WriteHook hook : hooks) {
            next = hook.onWrite(scope, state, next, now, extra);
          }
          if (!profileChanged && extra.isEmpty()) {
            return new Change<>(profile, null);
          }
          boolean streakChanged = state == null || next.streak() != state.streak();
          StreakRepository.EncodedState streak = streakChanged ? streaks.encode(config, next) : null;
          LeaderboardTracker.Applied groups = null;
          if (leaderboards != null) {
            // LB-14 group moves; LB-16 user_creation and time awards of the hooks above; LB-17 a
            // streak recomputed by the settlement above
            var refreshed =
                leaderboards.refresh(scope, config, state, next, UserStreaks.currentLength(config, next, now), now);
            next = refreshed.state();
            groups = refreshed.applied();
          }
          LeaderboardTracker.Applied ranked = groups;
          UserStates.Staged staged =
              session.stage(read, scope, id, next, null, tx -> {
                users.saveProfile(tx, scope, profile, prefs);
                if (streak != null) {
                  streaks.write(tx, scope, streak);
                }
                for (Sql.TxWork<?> work : extra) {
                  work.run(tx);
                }
                if (ranked != null) {
                  ranked.write(tx);
                }
                return null;
              });
          repairLeaderboards(scope, id, ranked, staged);
          return new Change<>(profile, staged);
        }));
    return change.await();
  }

  /** Puts the rankings back from the user's state if the write that changed them fails. */
  private void repairLeaderboards(Scope scope, String id, LeaderboardTracker.Applied ranked, UserStates.Staged staged) {
    if (ranked != null) {
      ranked.repairOnFailure(staged.done());
    }
  }

  /** {@code PATCH /users/{id}/preferences} (PREF-4): never creates the user. */
  public Preferences updatePreferences(Scope scope, String id, PreferencesPatch patch) {
    ScopeConfig config = scopes.config(scope);
    Change<Preferences> change = lanes.run(
        scope,
        id,
        () -> states.session(scope, id, session -> {
          UserStates.Loaded read = session.load(scope, id);
          UserState state = read.state();
          if (state == null) {
            throw Rejection.notFound("User not found");
          }
          Preferences updated =
              patch.applyTo(state.preferences(), config.streak().personalization());
          if (patch.streakMetrics() != null) {
            List<String> unknown = new ArrayList<>();
            patch.streakMetrics().forEach(m -> {
              if (config.metricByKey(m.key()) == null) {
                unknown.add(m.key());
              }
            });
            if (!unknown.isEmpty()) {
              throw Rejection.invalid("Unknown metric keys in streak.metrics: " + String.join(", ", unknown));
            }
          }
          if (updated.equals(state.preferences())) {
            return new Change<>(updated, null);
          }
          Instant now = clock.instant();
          UserState settled = state.withStreak(UserStreaks.settle(config, state, now).state());
          UserState after = settled.withPreferences(updated);
          UserState next = after.withStreak(UserStreaks.settle(config, after, now).state());
          LeaderboardTracker.Applied ranked = null;
          if (leaderboards != null) {
            // LB-17: switching streak conditions recomputes the streak
            var refreshed =
                leaderboards.refresh(scope, config, state, next, UserStreaks.currentLength(config, next, now), now);
            next = refreshed.state();
            ranked = refreshed.applied();
          }
          StreakRepository.EncodedState streak = streaks.encode(config, next);
          LeaderboardTracker.Applied rankedWrites = ranked;
          UserStates.Staged staged =
              session.stage(read, scope, id, next, null, tx -> {
                users.saveProfile(tx, scope, state.profile(), updated);
                streaks.write(tx, scope, streak);
                if (rankedWrites != null) {
                  rankedWrites.write(tx);
                }
                return null;
              });
          repairLeaderboards(scope, id, rankedWrites, staged);
          return new Change<>(updated, staged);
        }));
    return change.await();
  }
}
