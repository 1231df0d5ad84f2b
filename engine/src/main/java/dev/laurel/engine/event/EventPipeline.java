package dev.laurel.engine.event;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.Ids;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.AchievementStep;
import dev.laurel.engine.leaderboard.LeaderboardStep;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.points.PointsOutcome;
import dev.laurel.engine.points.PointsSteps;
import dev.laurel.engine.streak.StreakSteps;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserRules;
import dev.laurel.engine.user.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EVENT-4: processes one metric event for one user as a fixed sequence of steps. Pure: the caller
 * loads the user's state, serialises calls per user (EVENT-8) and commits the outcome.
 */
public final class EventPipeline {
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final List<PipelineStep> steps =
      List.of(
          StreakSteps::settle, // step 1: streak boundaries and freeze accrual (STREAK-8, FREEZE-4)
          PointsSteps::settleTime, // step 1: due time-trigger awards (TRIG-10)
          EventPipeline::identify, // step 2: upsert, USER-4 item 1 (control)
          StreakSteps::created, // step 2: USER-4 item 2 (initial freezes, FREEZE-3)
          PointsSteps::userCreation, // step 2: USER-4 item 3 (TRIG-12)
          EventPipeline::record, // step 3
          StreakSteps::extend, // step 4 (STREAK-5, STREAK-6)
          new AchievementStep(), // step 5 (ACH-6, ACH-7, ACH-8)
          PointsSteps::awards, // step 6 (TRIG-5, TRIG-8, TRIG-9)
          LeaderboardStep::apply); // step 7 (LB-9, LB-13..LB-17)

  /**
   * EVENT-2 steps 3 and 4: the metric must exist (404), then the semantic checks (422). Returns the
   * metric. {@code existing} is the stored user profile or null.
   */
  public Metric validate(ScopeConfig config, EventCommand command, UserProfile existing) {
    Metric metric = config.metricByKey(command.metricKey());
    if (metric == null) {
      throw Rejection.notFound("Metric not found");
    }
    UserRules.checkId(command.userId());
    UserRules.check(config, command.user(), existing);
    List<String> unknown = new ArrayList<>();
    for (String key : command.attributes().keySet()) {
      if (!config.isEventAttribute(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw UserRules.invalidAttributeKeys(unknown);
    }
    UserRules.checkAttributeValues(command.attributes());
    if (command.value().abs().compareTo(Decimals.MAX_EVENT_VALUE) > 0) {
      throw Rejection.invalid("value is out of range");
    }
    if (command.idempotencyKey() != null && command.idempotencyKey().length() > MAX_IDEMPOTENCY_KEY) {
      throw Rejection.invalid("Idempotency-Key must be at most 255 characters");
    }
    return metric;
  }

  /** EVENT-4 steps 1..7 for a validated command; {@code state} is null for a new user. */
  public EventOutcome process(
      Scope scope,
      ScopeConfig config,
      Metric metric,
      UserState state,
      EventCommand command,
      Instant now,
      Ids ids) {
    EventContext ctx = new EventContext(scope, config, metric, command, state, now, ids);
    for (PipelineStep step : steps) {
      step.apply(ctx);
    }
    return new EventOutcome(
        ctx.state,
        ctx.userCreated,
        ctx.event,
        ctx.state.total(metric.id()),
        ctx.streak,
        ctx.achievementsCompleted,
        new PointsOutcome(ctx.settledAwards, ctx.pointsAwards, config.points()));
  }

  /**
   * IDEM-4: the response of a replay reflects the current state and changes nothing; its streak is
   * the current one as of {@code now}, with {@code extended: false}.
   */
  public EventOutcome replay(
      ScopeConfig config, Metric metric, UserState state, StoredEvent original, Instant now) {
    StreakSummary streak = UserStreaks.summary(UserStreaks.view(config, state, now, 1), false);
    return new EventOutcome(state, false, original, state.total(metric.id()), streak);
  }

  /** Step 2: upsert the user (USER-5); a new user gets the USER-4 creation effects. */
  private static void identify(EventContext ctx) {
    if (ctx.state == null) {
      UserProfile profile =
          UserRules.create(ctx.scope, ctx.config, ctx.command.userId(), ctx.command.user(), ctx.now);
      ctx.state = new UserState(profile, Preferences.NONE, Map.of());
      ctx.userCreated = true;
    } else {
      UserProfile profile = UserRules.update(ctx.state.profile(), ctx.command.user(), ctx.now);
      ctx.state = ctx.state.withProfile(profile);
    }
  }

  /** Step 3: store the event with the user's zone (TIME-3) and add its value (METRIC-6). */
  private static void record(EventContext ctx) {
    String metricId = ctx.metric.id();
    var value = Decimals.normalize(ctx.command.value());
    ctx.event =
        new StoredEvent(
            ctx.ids.next(),
            ctx.state.profile().id(),
            metricId,
            value,
            ctx.command.attributes(),
            ctx.state.profile().tz(),
            ctx.now,
            ctx.command.idempotencyKey());
    Map<String, java.math.BigDecimal> totals = new HashMap<>(ctx.state.totals());
    totals.put(metricId, Decimals.add(ctx.state.total(metricId), value));
    ctx.state = ctx.state.withTotals(totals);
  }
}
