package dev.laurel.engine.points;

import java.time.Instant;
import java.util.List;

/**
 * PTS-3: one change of a user's total. {@code awarded} is the effective change (PTS-7), {@code
 * total} the total right after it, {@code at} its (scheduled) instant and {@code tz} the user's
 * zone then (its local date, SUM-4), {@code boosts} the boosts that multiplied it (BOOST-8).
 * {@code dedupeKey} makes once-only firings idempotent (time and user-creation triggers).
 */
public record Award(
    String id,
    String userId,
    String systemId,
    String triggerId,
    long awarded,
    long total,
    Instant at,
    String tz,
    List<Boost> boosts,
    String dedupeKey) {

  public Award {
    boosts = List.copyOf(boosts);
  }
}
