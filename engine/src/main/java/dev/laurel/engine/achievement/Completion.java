package dev.laurel.engine.achievement;

import java.time.Instant;

/** ACH-5: one user's completion of one achievement, at most one per (user, achievement). */
public record Completion(String id, String achievementId, Instant achievedAt) {}
