package dev.laurel.engine.event;

import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;

/**
 * What processing one event produced: the user's new state, the event to store, and what the
 * response reports (EVENT-5). {@code userCreated} marks a user created by inline identification.
 */
public record EventOutcome(
    UserState state,
    boolean userCreated,
    StoredEvent event,
    BigDecimal total,
    StreakSummary streak) {}
