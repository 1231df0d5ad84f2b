package dev.laurel.engine.event;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.CompletedAchievement;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.streak.StreakEffect;
import dev.laurel.engine.user.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working state of one event while the pipeline's steps run (EVENT-4). Each step reads what
 * earlier steps produced and adds its own results; it never escapes the pipeline, whose outcome
 * copies what the response and the store need.
 */
public final class EventContext {
  public final Scope scope;
  public final ScopeConfig config;
  public final Metric metric;
  public final EventCommand command;
  public final Instant now;
  public final Ids ids;
  /** The user's state as it evolves through the steps; null before identification of a new user. */
  public UserState state;
  /** Set by step 2 when inline identification created the user (USER-4). */
  public boolean userCreated;
  /** Set by step 3. */
  public StoredEvent event;
  /** Set by step 4: the streak as the response reports it. */
  public StreakSummary streak;
  /** Set by step 5: achievements completed by this event, in ACH-18 order (read by TRIG-9). */
  public final List<CompletedAchievement> achievementsCompleted = new ArrayList<>();
  /** Set by step 4: whether this event extended the streak (STREAK-6; ACH-7, TRIG-8 may fire). */
  public boolean streakExtended;
  /** Set by step 4: the streak length after the event (0 when streaks are off for the user). */
  public int streakLength;
  /** Set by step 1: the streak length before the event, after settling time. */
  public int streakLengthBefore;
  /** Streak effects of steps 1, 2 and 4 in order, for webhooks (STREAK-23). */
  public final List<StreakEffect> streakEffects = new ArrayList<>();
  /** Set by step 1 (points): time-trigger awards settled before the event (TRIG-10, not reported). */
  public final List<Award> settledAwards = new ArrayList<>();
  /** Set by steps 2 and 6 (points): this request's awards in order (PTS-5, PTS-9). */
  public final List<Award> pointsAwards = new ArrayList<>();
  /**
   * Per points-system id, effective deltas (PTS-6) to add beside {@link #settledAwards} and {@link
   * #pointsAwards}: step 7 sums those awards per system itself and adds them to points leaderboards
   * (LB-9, LB-16); step 7 also reads {@link #streakLength} for streak leaderboards (LB-17).
   */
  public final Map<String, Long> pointsDeltas = new LinkedHashMap<>();

  public EventContext(
      Scope scope,
      ScopeConfig config,
      Metric metric,
      EventCommand command,
      UserState state,
      Instant now,
      Ids ids) {
    this.scope = scope;
    this.config = config;
    this.metric = metric;
    this.command = command;
    this.state = state;
    this.now = now;
    this.ids = ids;
  }
}
