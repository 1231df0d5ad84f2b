package dev.laurel.engine.points;

import dev.laurel.engine.event.EventContext;

/**
 * The points steps of EVENT-4's pipeline. Each works on the user's points state in the context and
 * records its awards there: step 1's settled time awards are real but not reported (TRIG-11);
 * steps 2 and 6 make the request's own awards (PTS-5, PTS-9).
 */
public final class PointsSteps {
  private PointsSteps() {}

  /** Step 1: time-trigger firings due before the event (TRIG-10). Nothing is due for a new user. */
  public static void settleTime(EventContext ctx) {
    if (ctx.state == null || !ctx.config.points().hasActive(TriggerType.TIME)) {
      return;
    }
    Ledger ledger = new Ledger(ctx.state.profile(), ctx.state.points(), ctx.ids);
    TimeTriggers.settle(ctx.config.points(), ledger, ctx.now);
    ctx.settledAwards.addAll(ledger.awards());
    ctx.state = ctx.state.withPoints(ledger.state());
  }

  /** Step 2, after identification: USER-4 item 3 for a user this event created (TRIG-12). */
  public static void userCreation(EventContext ctx) {
    if (!ctx.userCreated || !ctx.config.points().hasActive(TriggerType.USER_CREATION)) {
      return;
    }
    Ledger ledger = new Ledger(ctx.state.profile(), ctx.state.points(), ctx.ids);
    EventTriggers.userCreated(ctx.config.points(), ledger, ctx.now);
    ctx.pointsAwards.addAll(ledger.awards());
    ctx.state = ctx.state.withPoints(ledger.state());
  }

  /**
   * Step 6: metric triggers on the event's metric (TRIG-5), streak triggers if step 4 extended the
   * streak (TRIG-8), achievement triggers for step 5's completions in order (TRIG-9). User filters
   * see the attributes after identification (TRIG-3).
   */
  public static void awards(EventContext ctx) {
    PointsConfig config = ctx.config.points();
    if (!config.hasActive(TriggerType.METRIC)
        && !config.hasActive(TriggerType.STREAK)
        && !config.hasActive(TriggerType.ACHIEVEMENT)) {
      return;
    }
    Ledger ledger = new Ledger(ctx.state.profile(), ctx.state.points(), ctx.ids);
    MetricTriggers.apply(config, ledger, ctx.event, ctx.now);
    if (ctx.streakExtended) {
      EventTriggers.streakExtended(config, ledger, ctx.streakLength, ctx.now);
    }
    EventTriggers.achievementsCompleted(
        config, ledger, ctx.achievementsCompleted.stream().map(c -> c.achievement().id()).toList(), ctx.now);
    ctx.pointsAwards.addAll(ledger.awards());
    ctx.state = ctx.state.withPoints(ledger.state());
  }
}
