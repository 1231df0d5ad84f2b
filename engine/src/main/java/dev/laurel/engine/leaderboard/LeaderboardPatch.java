package dev.laurel.engine.leaderboard;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A create or update item of the admin API (LB-36, LB-37) or of the configuration file, already
 * checked for JSON types. A given null means: {@code maxParticipants} back to the default, {@code
 * end}, {@code startTime}, {@code endTime}, {@code runUnit} (with {@code runInterval}) cleared
 * (LB-38); other nulls are read as absent (GEN-6).
 */
public record LeaderboardPatch(
    Field<String> name,
    Field<String> key,
    Field<String> description,
    Field<LeaderboardStatus> status,
    Field<RankBy> rankBy,
    Field<String> metricId,
    Field<String> pointsSystemId,
    Field<Integer> maxParticipants,
    Field<LocalDate> start,
    Field<LocalDate> end,
    Field<LocalTime> startTime,
    Field<LocalTime> endTime,
    Field<List<String>> breakdownAttributes,
    Field<RunUnit> runUnit,
    Field<Integer> runInterval) {}
