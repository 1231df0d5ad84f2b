package dev.laurel.engine.achievement;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.event.EventContext;
import dev.laurel.engine.event.PipelineStep;
import java.math.BigDecimal;

/**
 * EVENT-4 step 5: advances the filtered totals of the event's metric (ACH-6), then completes, in
 * ACH-18's order, metric achievements on the metric (ascending {@code metricValue}, then
 * creation — one large event completes every tier it passes), streak achievements when this event
 * extended the streak (ACH-7), and composites until none completes (ACH-8).
 */
public final class AchievementStep implements PipelineStep {

  @Override
  public void apply(EventContext ctx) {
    AchievementCatalog catalog = ctx.config.achievements();
    AchievementProgress progress = advanceFilteredTotals(ctx, catalog, ctx.state.achievements());
    Completer completer =
        new Completer(catalog, ctx.state.profile().attributes(), progress, ctx.now, ctx.ids);
    for (Achievement a : catalog.onMetric(ctx.metric.id())) {
      if (completer.eligible(a) && completer.reachesMetricValue(a, ctx.state.totals())) {
        completer.complete(a);
      }
    }
    if (ctx.streakExtended) {
      for (Achievement a : catalog.streaks()) {
        if (completer.eligible(a) && ctx.streakLength >= a.streakLength()) {
          completer.complete(a);
        }
      }
    }
    completer.cascade();
    ctx.state = ctx.state.withAchievements(completer.progress());
    ctx.achievementsCompleted.addAll(completer.completed());
  }

  /**
   * Adds the event's value to each tracked filtered total whose filters the event matches. A
   * total the caller did not load is zero only for a user this event created (no earlier events).
   */
  private static AchievementProgress advanceFilteredTotals(
      EventContext ctx, AchievementCatalog catalog, AchievementProgress progress) {
    for (Achievement a : catalog.tracked(ctx.metric.id())) {
      BigDecimal total = progress.filteredTotal(a.filteredTotalKey());
      if (total == null) {
        if (!ctx.userCreated) {
          throw new IllegalStateException("filtered total of " + a.key() + " was not loaded");
        }
        total = BigDecimal.ZERO;
      }
      if (AttributeFilter.allMatch(a.eventFilters(), ctx.event.attributes())) {
        total = Decimals.add(total, ctx.event.value());
      }
      progress = progress.withFilteredTotal(a.filteredTotalKey(), total);
    }
    return progress;
  }
}
