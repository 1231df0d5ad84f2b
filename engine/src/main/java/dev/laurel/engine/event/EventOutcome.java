package dev.laurel.engine.event;

import dev.laurel.engine.points.PointsOutcome;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;

/**
 * What processing one event produced: the user's new state, the event to store, and what the
 * response reports (EVENT-5). {@code userCreated} marks a user created by inline identification.
 * {@code points} holds the awards to store and report (PTS-9).
 */
public record EventOutcome(
    UserState state,
    boolean userCreated,
    StoredEvent event,
    BigDecimal total,
    StreakSummary streak,
    PointsOutcome points) {

  public EventOutcome(
      UserState state, boolean userCreated, StoredEvent event, BigDecimal total, StreakSummary streak) {
    this(state, userCreated, event, total, streak, PointsOutcome.NONE);
  }
}
