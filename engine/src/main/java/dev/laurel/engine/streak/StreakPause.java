package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A streak pause over local dates {@code start..end} inclusive (PAUSE-1..7).
 *
 * @param id chosen by the caller (a UUID v4, GEN-9)
 * @param archivedAt when it was deleted (PAUSE-6); it covers only period boundaries up to this
 *     instant. {@code null} while active.
 */
public record StreakPause(String id, LocalDate start, LocalDate end, Instant archivedAt) {

  /**
   * Whether the pause still applies to a boundary at {@code instant}. A boundary at the very
   * instant of archiving is settled before the archive takes effect, so it is still covered.
   */
  boolean activeAt(Instant instant) {
    return archivedAt == null || !archivedAt.isBefore(instant);
  }

  /** Whether the pause shares at least one date with {@code period} (PAUSE-3). */
  boolean overlaps(StreakPeriod period) {
    return !start.isAfter(period.end()) && !end.isBefore(period.start());
  }
}
