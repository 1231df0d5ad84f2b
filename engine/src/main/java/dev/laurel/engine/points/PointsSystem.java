package dev.laurel.engine.points;

import java.time.Instant;

/**
 * A points system (PTS-1). {@code description} and {@code badgeUrl} are null when unset (PTS-13);
 * {@code maxPoints} is null when there is no maximum.
 */
public record PointsSystem(
    String id,
    String key,
    String name,
    String description,
    String badgeUrl,
    Long maxPoints,
    Instant created) {}
