package dev.laurel.engine.points;

import java.time.Instant;

/** A level of a points system (LVL-1): reached at {@code points} or more. Null = unset. */
public record Level(
    String id,
    String systemId,
    String key,
    String name,
    String description,
    String badgeUrl,
    long points,
    Instant created) {}
