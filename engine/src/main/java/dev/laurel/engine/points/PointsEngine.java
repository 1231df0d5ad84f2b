package dev.laurel.engine.points;

import dev.laurel.engine.Ids;
import dev.laurel.engine.user.UserProfile;
import java.time.Instant;
import java.util.List;

/**
 * Points operations outside the event pipeline, each {@code (config, state, command, now) →
 * (new state, awards)}: settling time triggers when a user is touched or swept (TRIG-10),
 * user-creation triggers for users created by other endpoints (USER-4), and achievement triggers
 * for API completions (TRIG-9).
 */
public final class PointsEngine {
  private PointsEngine() {}

  /** A new points state and the awards that produced it, in order. */
  public record Result(PointsState state, List<Award> awards) {
    public boolean changed(PointsState before) {
      return !awards.isEmpty() || !state.equals(before);
    }
  }

  /** TRIG-10, TRIG-11: every time-trigger firing due at or before {@code now}. */
  public static Result settle(PointsConfig config, UserProfile user, PointsState state, Instant now, Ids ids) {
    Ledger ledger = new Ledger(user, state, ids);
    TimeTriggers.settle(config, ledger, now);
    return new Result(ledger.state(), ledger.awards());
  }

  /** USER-4 item 3, TRIG-12: the user-creation triggers of a user just created. */
  public static Result userCreated(PointsConfig config, UserProfile user, PointsState state, Instant now, Ids ids) {
    Ledger ledger = new Ledger(user, state, ids);
    EventTriggers.userCreated(config, ledger, now);
    return new Result(ledger.state(), ledger.awards());
  }

  /**
   * ACH-11 (and USER-3: the completion may create the user): due time firings are settled first
   * and not reported; then, as the request's awards, user-creation triggers for a new user (USER-4)
   * and achievement triggers for every achievement completed, in completion order (TRIG-9, PTS-5).
   */
  public static Completion achievementsCompleted(
      PointsConfig config,
      UserProfile user,
      PointsState state,
      boolean userCreated,
      List<String> achievementIds,
      Instant now,
      Ids ids) {
    Ledger settled = new Ledger(user, state, ids);
    if (!userCreated) {
      TimeTriggers.settle(config, settled, now);
    }
    Ledger ledger = new Ledger(user, settled.state(), ids);
    if (userCreated) {
      EventTriggers.userCreated(config, ledger, now);
    }
    EventTriggers.achievementsCompleted(config, ledger, achievementIds, now);
    return new Completion(ledger.state(), new PointsOutcome(settled.awards(), ledger.awards(), config));
  }

  /** The new points state of a completion request and its awards. */
  public record Completion(PointsState state, PointsOutcome outcome) {}
}
