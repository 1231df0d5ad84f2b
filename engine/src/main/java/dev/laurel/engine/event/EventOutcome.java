package dev.laurel.engine.event;

import dev.laurel.engine.achievement.CompletedAchievement;
import dev.laurel.engine.points.PointsOutcome;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.util.List;

/**
 * What processing one event produced: the user's new state, the event to store, and what the
 * response reports (EVENT-5). {@code userCreated} marks a user created by inline identification;
 * {@code achievements} are those the event completed, in ACH-18 order; {@code points} holds the
 * awards to store and report (PTS-9).
 */
public record EventOutcome(
    UserState state,
    boolean userCreated,
    StoredEvent event,
    BigDecimal total,
    StreakSummary streak,
    List<CompletedAchievement> achievements,
    PointsOutcome points) {

  public EventOutcome {
    achievements = List.copyOf(achievements);
  }

  /** An outcome that completed no achievement and awarded no points. */
  public EventOutcome(
      UserState state, boolean userCreated, StoredEvent event, BigDecimal total, StreakSummary streak) {
    this(state, userCreated, event, total, streak, List.of(), PointsOutcome.NONE);
  }

  /** An outcome that awarded no points. */
  public EventOutcome(
      UserState state,
      boolean userCreated,
      StoredEvent event,
      BigDecimal total,
      StreakSummary streak,
      List<CompletedAchievement> achievements) {
    this(state, userCreated, event, total, streak, achievements, PointsOutcome.NONE);
  }
}
