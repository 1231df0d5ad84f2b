package dev.laurel.server.achievement;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.ApiCompletion;
import dev.laurel.engine.points.PointsEngine;
import dev.laurel.engine.points.PointsOutcome;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserRules;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.leaderboard.LeaderboardTracker;
import dev.laurel.server.points.PointsService;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakStates;
import dev.laurel.store.Sql;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.UserRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /achievements/{key}/complete} (ACH-11, ACH-12) in the user's lane: the user upsert
 * and every completion (with the cascade, ACH-8) are staged as one write and committed together
 * before the answer, or nothing is (GEN-14). A user created here gets its initial streak state
 * (USER-4), and a tz change settles the streak as {@code PUT /users} does (TIME-6).
 */
public final class AchievementService {
  private final Scopes scopes;
  private final UserRepository users;
  private final UserLanes lanes;
  private final UserStates states;
  private final AchievementProgressStore progress;
  private final InstantSource clock;
  private final Ids ids;
  private final StreakStates streaks;

  public AchievementService(
      Scopes scopes,
      UserRepository users,
      UserLanes lanes,
      UserStates states,
      AchievementProgressStore progress,
      InstantSource clock,
      Ids ids,
      StreakStates streaks) {
    this.scopes = scopes;
    this.users = users;
    this.lanes = lanes;
    this.states = states;
    this.progress = progress;
    this.clock = clock;
    this.ids = ids;
    this.streaks = streaks;
  }

  /** The completion, the snapshot to render it with, and the points it awarded (PTS-9). */
  public record Completed(ApiCompletion.Result result, ScopeConfig config, PointsOutcome points) {}

  private PointsService points;
  private volatile LeaderboardTracker leaderboards;

  /** LB-14, LB-16, LB-17: completions' awards, group moves and streaks reach the leaderboards. */
  public void trackLeaderboards(LeaderboardTracker tracker) {
    this.leaderboards = tracker;
  }

  /** TRIG-9, USER-4: completions fire achievement points triggers; a created user its user-creation ones. */
  public void withPoints(PointsService service) {
    this.points = service;
  }

  /** What the lane decided; its write (null for a repeat) is awaited outside the lane. */
  private record Decided(Completed completed, UserStates.Staged staged) {}

  public Completed complete(Scope scope, String key, String userId, UserPatch patch) {
    Decided decided =
        lanes.run(scope, userId, () -> states.session(scope, userId, session -> decide(session, scope, key, userId, patch)));
    if (decided.staged() != null) {
      decided.staged().await();
      progress.committed(scope, true);
    }
    return decided.completed();
  }

  private Decided decide(UserStates session, Scope scope, String key, String userId, UserPatch patch) {
    ScopeConfig config = scopes.config(scope);
    UserStates.Loaded read = session.load(scope, userId);
    UserState state = read.state();
    UserRules.checkId(userId);
    UserRules.check(config, patch, state == null ? null : state.profile());
    Achievement achievement = ApiCompletion.visible(config.achievements(), key);
    Instant now = clock.instant();
    UserProfile profile =
        state == null
            ? UserRules.create(scope, config, userId, patch, now)
            : UserRules.update(state.profile(), patch, now);
    AchievementProgress stored = state == null ? AchievementProgress.NONE : state.achievements();
    ApiCompletion.Result result =
        ApiCompletion.complete(config.achievements(), achievement, profile.attributes(), stored, now, ids);
    if (result.repeat()) {
      return new Decided(new Completed(result, config, PointsOutcome.NONE), null);
    }
    Preferences prefs = state == null ? Preferences.NONE : state.preferences();
    boolean profileChanged = state == null || !profile.equals(state.profile());
    UserState next =
        UserStreaks.withProfile(config, state, profile, prefs, now).withAchievements(result.progress());
    boolean streakChanged = state == null || next.streak() != state.streak();
    StreakRepository.EncodedState streak = streakChanged ? streaks.encode(config, next) : null;
    // USER-4: control and initial freezes above; user_creation points triggers, then TRIG-9
    List<Sql.TxWork<?>> extra = new ArrayList<>();
    PointsOutcome awarded = PointsOutcome.NONE;
    if (points != null) {
      List<String> completedIds = result.completed().stream().map(c -> c.achievement().id()).toList();
      PointsEngine.Completion pointsDone = points.onAchievementCompletion(scope, state, next, completedIds, now, extra);
      next = next.withPoints(pointsDone.state());
      awarded = pointsDone.outcome();
    }
    LeaderboardTracker.Applied ranked = null;
    if (leaderboards != null) {
      var refreshed = leaderboards.refresh(scope, config, state, next, UserStreaks.currentLength(config, next, now), now);
      next = refreshed.state();
      ranked = refreshed.applied();
      extra.add(ranked.writes());
    }
    Completed completed = new Completed(result, config, awarded);
    UserStates.Staged staged =
        session.stage(
            read,
            scope,
            userId,
            next,
            null,
            tx -> {
              if (profileChanged) {
                users.saveProfile(tx, scope, profile, prefs);
              }
              progress.save(tx, scope, userId, stored, result.progress(), false);
              if (streak != null) {
                streaks.write(tx, scope, streak);
              }
              for (Sql.TxWork<?> work : extra) {
                work.run(tx);
              }
              return null;
            });
    if (ranked != null) {
      ranked.repairOnFailure(staged.done());
    }
    return new Decided(completed, staged);
  }
}
