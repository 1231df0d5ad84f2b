package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The user's auto-earn anchor date (FREEZE-4), pinned for the scope's {@link AutoEarn#enabledAt()}
 * it was computed from so that a later time-zone change cannot move it.
 */
public record AutoEarnAnchor(LocalDate anchor, Instant enabledAt) {}
