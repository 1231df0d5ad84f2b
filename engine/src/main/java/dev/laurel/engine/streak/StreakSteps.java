package dev.laurel.engine.streak;

import dev.laurel.engine.event.EventContext;
import java.time.ZoneId;

/**
 * The streak's steps of the event pipeline (EVENT-4): settle time before identification (step 1),
 * the initial freezes of a user created by the event (USER-4 step 2), and the event itself (step
 * 4). They leave the streak state in {@code ctx.state}, the response object in {@code ctx.streak}
 * and what later steps read in {@code ctx.streakExtended}, {@code ctx.streakLength} and {@code
 * ctx.streakLengthBefore}.
 */
public final class StreakSteps {

  private StreakSteps() {}

  /** EVENT-4 step 1: boundaries and accruals up to the event, in the stored zone. */
  public static void settle(EventContext ctx) {
    if (ctx.state == null) {
      return;
    }
    StreakOutcome outcome = UserStreaks.settle(ctx.config, ctx.state, ctx.now);
    ctx.streakEffects.addAll(outcome.effects());
    ctx.state = ctx.state.withStreak(outcome.state());
    ctx.streakLengthBefore = outcome.state().length();
  }

  /** USER-4 step 2 (FREEZE-3): a user created by this event starts with the initial freezes. */
  public static void created(EventContext ctx) {
    if (!ctx.userCreated) {
      return;
    }
    StreakOutcome outcome = UserStreaks.created(ctx.config, ctx.state.profile(), ctx.now);
    ctx.streakEffects.addAll(outcome.effects());
    ctx.state = ctx.state.withStreak(outcome.state());
  }

  /**
   * EVENT-4 step 4 (STREAK-3..7, STREAK-16): the event's value counts in the user's current zone
   * (after the upsert), and extends the current period the first time its condition is met.
   */
  public static void extend(EventContext ctx) {
    StreakEngine engine = ctx.config.streaks();
    StreakPrefs prefs = UserStreaks.prefs(ctx.state, ctx.config);
    ZoneId zone = ctx.state.profile().zone();
    StreakOutcome outcome =
        engine.onEvent(
            prefs,
            UserStreaks.state(ctx.state, ctx.config),
            ctx.metric.id(),
            ctx.event.value(),
            zone,
            ctx.now);
    ctx.streakEffects.addAll(outcome.effects());
    ctx.state = ctx.state.withStreak(outcome.state());
    ctx.streakExtended = outcome.extended();
    StreakView view = engine.view(prefs, outcome.state(), zone, ctx.now, 1);
    ctx.streakLength = view.length();
    ctx.streak = UserStreaks.summary(view, ctx.streakExtended);
  }
}
