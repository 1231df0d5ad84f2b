package dev.laurel.engine.leaderboard;

import dev.laurel.engine.event.EventContext;
import dev.laurel.engine.points.Award;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EVENT-4 step 7: updates the user's values in every leaderboard accepting contributions (LB-6):
 * metric leaderboards on the event's metric, points leaderboards on systems that received awards
 * ({@link EventContext#pointsDeltas}), streak leaderboards when the streak length ({@link
 * EventContext#streakLength}) differs from their value; and moves values whose group changed
 * (LB-14). The server applies the resulting entry changes to the rankings.
 */
public final class LeaderboardStep {
  private LeaderboardStep() {}

  public static void apply(EventContext ctx) {
    Contribution contribution =
        new Contribution(ctx.metric.id(), ctx.event.value(), pointsDeltas(ctx), ctx.streakLength);
    LeaderboardEntries next =
        LeaderboardContributions.apply(
            ctx.config, ctx.state.profile(), ctx.state.leaderboards(), contribution, ctx.now);
    if (next != ctx.state.leaderboards()) {
      ctx.state = ctx.state.withLeaderboards(next);
    }
  }

  /**
   * LB-9: per points-system id, the summed effective delta of the request's awards — time-trigger
   * awards settled in step 1, user_creation awards of step 2 and the awards of step 6 — plus any
   * {@link EventContext#pointsDeltas}.
   */
  static Map<String, Long> pointsDeltas(EventContext ctx) {
    Map<String, Long> deltas = new LinkedHashMap<>(ctx.pointsDeltas);
    for (List<Award> awards : List.of(ctx.settledAwards, ctx.pointsAwards)) {
      for (Award a : awards) {
        if (a.awarded() != 0) {
          deltas.merge(a.systemId(), a.awarded(), Long::sum);
        }
      }
    }
    return deltas;
  }
}
