package dev.laurel.engine.leaderboard;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * LB-6 and LB-8: whether a contribution made at an instant by a user in a zone counts, and toward
 * which run. It counts when the leaderboard is active or scheduled, its local date (TIME-3) lies in
 * a run, and its local time of day lies in the time restriction.
 */
public final class ContributionWindow {
  private ContributionWindow() {}

  /** The run the contribution counts toward, or empty when it does not count. */
  public static Optional<Run> runFor(Leaderboard lb, Instant at, ZoneId zone) {
    if (!lb.tracksAt(at)) {
      return Optional.empty();
    }
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    if (!inTimeWindow(lb.startTime(), lb.endTime(), local.toLocalTime())) {
      return Optional.empty();
    }
    return lb.runContaining(local.toLocalDate());
  }

  /**
   * LB-8: only {@code startTime}: from it to the end of the day; only {@code endTime}: from the
   * start of the day until it (excluded); both: {@code [startTime, endTime)}, wrapping midnight
   * when {@code startTime > endTime}; equal times: never.
   */
  static boolean inTimeWindow(LocalTime startTime, LocalTime endTime, LocalTime time) {
    if (startTime == null && endTime == null) {
      return true;
    }
    if (endTime == null) {
      return !time.isBefore(startTime);
    }
    if (startTime == null) {
      return time.isBefore(endTime);
    }
    int order = startTime.compareTo(endTime);
    if (order < 0) {
      return !time.isBefore(startTime) && time.isBefore(endTime);
    }
    if (order > 0) {
      return !time.isBefore(startTime) || time.isBefore(endTime);
    }
    return false;
  }
}
