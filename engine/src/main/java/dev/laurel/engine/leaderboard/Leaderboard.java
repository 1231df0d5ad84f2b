package dev.laurel.engine.leaderboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A leaderboard definition (LB-1). {@code status} is the stored status; {@link #status(Instant)}
 * is the one in effect at an instant (LB-5's automatic transitions). {@code metricId} is set only
 * for {@link RankBy#METRIC}, {@code pointsSystemId} only for {@link RankBy#POINTS}; {@code
 * description}, {@code end}, {@code startTime}, {@code endTime}, {@code runUnit} and {@code
 * runInterval} are null when unset. {@code breakdownAttributes} are user-attribute ids in breakdown
 * order. {@code activated} records that the leaderboard has been active or scheduled once, which
 * locks its ranking configuration (LB-37).
 */
public record Leaderboard(
    String id,
    String key,
    String name,
    String description,
    LeaderboardStatus status,
    RankBy rankBy,
    String metricId,
    String pointsSystemId,
    int maxParticipants,
    LocalDate start,
    LocalDate end,
    LocalTime startTime,
    LocalTime endTime,
    List<String> breakdownAttributes,
    RunUnit runUnit,
    Integer runInterval,
    boolean activated,
    Instant created) {

  /** LB-1: the participant limit when none is given. */
  public static final int DEFAULT_MAX_PARTICIPANTS = 1000;

  public Leaderboard {
    breakdownAttributes = List.copyOf(breakdownAttributes);
  }

  /** Repeating (with {@code runUnit}) rather than perpetual (LB-2). */
  public boolean isRepeating() {
    return runUnit != null;
  }

  public boolean hasBreakdown() {
    return !breakdownAttributes.isEmpty();
  }

  /**
   * LB-5: the status in effect at {@code now}. A scheduled leaderboard is active from 00:00 UTC on
   * {@code start}; an active or scheduled one is finished from 12:00 UTC on the day after {@code
   * end} (TIME-7). Inactive and finished are kept as stored.
   */
  public LeaderboardStatus status(Instant now) {
    if (status == LeaderboardStatus.INACTIVE || status == LeaderboardStatus.FINISHED) {
      return status;
    }
    if (end != null && !now.isBefore(end.plusDays(1).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC))) {
      return LeaderboardStatus.FINISHED;
    }
    return now.isBefore(start.atStartOfDay(ZoneOffset.UTC).toInstant())
        ? LeaderboardStatus.SCHEDULED
        : LeaderboardStatus.ACTIVE;
  }

  /** LB-6: whether contributions are tracked at {@code now} (active or scheduled). */
  public boolean tracksAt(Instant now) {
    LeaderboardStatus s = status(now);
    return s == LeaderboardStatus.ACTIVE || s == LeaderboardStatus.SCHEDULED;
  }

  /** LB-4: the run whose window contains {@code date}, if any. */
  public Optional<Run> runContaining(LocalDate date) {
    return RunSchedule.containing(this, date);
  }

  /** The first run (LB-24 for scheduled leaderboards). */
  public Run firstRun() {
    return RunSchedule.first(this);
  }

  /** This definition with another stored status. */
  public Leaderboard withStatus(LeaderboardStatus newStatus) {
    return new Leaderboard(
        id, key, name, description, newStatus, rankBy, metricId, pointsSystemId, maxParticipants,
        start, end, startTime, endTime, breakdownAttributes, runUnit, runInterval,
        activated || newStatus == LeaderboardStatus.ACTIVE || newStatus == LeaderboardStatus.SCHEDULED,
        created);
  }
}
