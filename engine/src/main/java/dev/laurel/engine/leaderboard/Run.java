package dev.laurel.engine.leaderboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * One run of a leaderboard (LB-2, LB-4): the local dates {@code start … end}, identified by its
 * start date. {@code end} is null for the open-ended run of a perpetual leaderboard without end.
 */
public record Run(LocalDate start, LocalDate end) {

  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && (end == null || !date.isAfter(end));
  }

  /**
   * LB-7, TIME-7: the instant the run's rankings become final, 12:00 UTC on the day after its last
   * date (every zone has passed it); null for an open-ended run, which never ends.
   */
  public Instant finalisation() {
    return end == null ? null : end.plusDays(1).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
  }

  /** Whether the run's rankings are final at {@code now} (LB-7). */
  public boolean isFinalAt(Instant now) {
    Instant at = finalisation();
    return at != null && !now.isBefore(at);
  }
}
