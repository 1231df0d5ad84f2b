package dev.laurel.server.users;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Contribution;
import dev.laurel.engine.leaderboard.LeaderboardContributions;
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
import dev.laurel.store.UserRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * User writes outside events (USER-3..USER-11, PREF-4), in the user's lane so they are ordered
 * with that user's events, and committed before the answer.
 */
public final class UserService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final UserStates states;
  private final InstantSource clock;
  private volatile LeaderboardTracker leaderboards;

  public UserService(
      Scopes scopes, UserRepository users, UserLanes lanes, UserStates states, InstantSource clock) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.states = states;
    this.clock = clock;
  }

  /** LB-14: moves the user's leaderboard values when their attributes change; call before serving. */
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
          if (state != null && profile.equals(state.profile())) {
            return new Change<>(profile, null);
          }
          UserState next =
              state == null ? new UserState(profile, prefs, java.util.Map.of()) : state.withProfile(profile);
          LeaderboardTracker tracker = leaderboards;
          LeaderboardTracker.Applied moved = null;
          if (tracker != null && state != null) {
            next = next.withLeaderboards(
                LeaderboardContributions.apply(config, profile, next.leaderboards(), Contribution.NONE, now));
            moved = tracker.apply(scope, config, state, next);
          }
          LeaderboardTracker.Applied groups = moved;
          UserStates.Staged staged =
              session.stage(read, scope, id, next, null, tx -> {
                users.saveProfile(tx, scope, profile, prefs);
                if (groups != null) {
                  groups.write(tx);
                }
                return null;
              });
          if (groups != null) {
            groups.repairOnFailure(staged.done(), repair -> lanes.run(scope, id, () -> states.session(scope, id, again -> {
              repair.accept(again.load(scope, id).state());
              return null;
            })));
          }
          return new Change<>(profile, staged);
        }));
    return change.await();
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
          Preferences updated = patch.applyTo(state.preferences(), false);
          if (updated.equals(state.preferences())) {
            return new Change<>(updated, null);
          }
          UserState next = state.withPreferences(updated);
          return new Change<>(
              updated,
              session.stage(read, scope, id, next, null, tx -> {
                users.saveProfile(tx, scope, state.profile(), updated);
                return null;
              }));
        }));
    return change.await();
  }
}
