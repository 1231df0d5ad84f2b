package dev.laurel.server.users;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.PreferencesPatch;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserRules;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.GroupCommitter;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Sql;
import dev.laurel.store.UserRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * User writes outside events (USER-3..USER-11, PREF-4), in the user's lane so they are ordered
 * with that user's events, and committed before the answer.
 */
public final class UserService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final GroupCommitter committer;
  private final InstantSource clock;
  private final List<WriteHook> hooks = new CopyOnWriteArrayList<>();

  /**
   * Work a feature adds to a user write (USER-4 creation effects, settling time-driven state), run
   * in the user's lane and committed in the same transaction as the user.
   */
  @FunctionalInterface
  public interface WriteHook {
    /** The work to commit with the write, or null. {@code before} is null for a new user. */
    Sql.TxWork<?> onWrite(Scope scope, UserState before, UserProfile after, Instant now);
  }

  /** Registers a hook; call before serving requests. */
  public void addHook(WriteHook hook) {
    hooks.add(hook);
  }

  public UserService(
      Scopes scopes, UserRepository users, UserLanes lanes, GroupCommitter committer, InstantSource clock) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.committer = committer;
    this.clock = clock;
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
    return lanes.run(
        scope,
        id,
        () -> {
          UserState state = users.load(scope, id);
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
          List<Sql.TxWork<?>> extra = new ArrayList<>();
          for (WriteHook hook : hooks) {
            Sql.TxWork<?> work = hook.onWrite(scope, state, profile, now);
            if (work != null) {
              extra.add(work);
            }
          }
          if (state == null || !profile.equals(state.profile()) || !extra.isEmpty()) {
            committer.commit(
                tx -> {
                  users.saveProfile(tx, scope, profile, prefs);
                  for (Sql.TxWork<?> work : extra) {
                    work.run(tx);
                  }
                  return null;
                });
          }
          return profile;
        });
  }

  /** {@code PATCH /users/{id}/preferences} (PREF-4): never creates the user. */
  public Preferences updatePreferences(Scope scope, String id, PreferencesPatch patch) {
    ScopeConfig config = scopes.config(scope);
    return lanes.run(
        scope,
        id,
        () -> {
          UserState state = users.load(scope, id);
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
          if (!updated.equals(state.preferences())) {
            committer.commit(
                tx -> {
                  users.saveProfile(tx, scope, state.profile(), updated);
                  return null;
                });
          }
          return updated;
        });
  }
}
