package dev.laurel.engine.leaderboard;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * LB-34: a user's rank and reported value in a run at the end of one of their local days; both
 * null when the user was not a participant that day.
 */
public record Snapshot(LocalDate day, Integer rank, Long value) {

  public boolean sameStanding(Integer otherRank, Long otherValue) {
    return Objects.equals(rank, otherRank) && Objects.equals(value, otherValue);
  }

  /**
   * LB-34: the snapshot to persist for a user whose local date is {@code localToday}, given their
   * last persisted snapshot ({@code null} if none) and their current standing in {@code run}: the
   * day that has just ended (the run's last day if the run is over), when it is later than the last
   * snapshot, lies in the run, and the standing differs from the last snapshot. A user who never
   * had a rank gets no snapshot.
   */
  public static Optional<Snapshot> toClose(
      Snapshot last, LocalDate localToday, Run run, Integer rank, Long value) {
    LocalDate day = localToday.minusDays(1);
    if (run.end() != null && day.isAfter(run.end())) {
      day = run.end();
    }
    if (day.isBefore(run.start()) || (last != null && !day.isAfter(last.day()))) {
      return Optional.empty();
    }
    boolean changed = last == null ? rank != null : !last.sameStanding(rank, value);
    return changed ? Optional.of(new Snapshot(day, rank, value)) : Optional.empty();
  }
}
