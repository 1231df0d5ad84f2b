package dev.laurel.engine.leaderboard;

import dev.laurel.engine.Rejection;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * Admin create and update of leaderboard definitions (LB-1, LB-5, LB-36..LB-38): each returns the
 * new definition or throws a {@link Rejection} whose message is the item's issue.
 */
public final class LeaderboardRules {
  private LeaderboardRules() {}

  /** The result of an update: the new definition, and what the caller must do besides storing it. */
  public record Update(Leaderboard next, boolean finishNow, boolean startMoved) {}

  /** LB-36: a new leaderboard, {@code inactive} unless another status is requested. */
  public static Leaderboard create(LeaderboardPatch p, DefinitionContext ctx, String id) {
    String name = DefinitionChecks.name(p.name().value());
    String key = DefinitionChecks.key(p.key().value(), ctx, null);
    RankBy rankBy = DefinitionChecks.rankBy(p.rankBy().value());
    String metricId = rankBy == RankBy.METRIC ? DefinitionChecks.metricId(p.metricId().value(), ctx) : null;
    String pointsSystemId =
        rankBy == RankBy.POINTS ? DefinitionChecks.pointsSystemId(p.pointsSystemId().value(), ctx) : null;
    RunUnit runUnit = p.runUnit().value();
    Integer runInterval = p.runInterval().value();
    DefinitionChecks.schedule(rankBy, runUnit, runInterval);
    int maxParticipants = DefinitionChecks.maxParticipants(p.maxParticipants().value(), ctx);
    List<String> breakdown = DefinitionChecks.breakdownAttributes(p.breakdownAttributes().or(List.of()), ctx);
    LocalDate today = ctx.today();
    LocalDate start = p.start().value() == null ? today : p.start().value();
    LocalDate end = p.end().value();
    DefinitionChecks.dates(start, end);
    LeaderboardStatus status = p.status().value() == null ? LeaderboardStatus.INACTIVE : p.status().value();
    DefinitionChecks.activation(status, start, end, today);
    if (status == LeaderboardStatus.FINISHED && (end == null || !end.isBefore(today))) {
      throw Rejection.invalid("Only leaderboards with an end date in the past can be created as finished");
    }
    return new Leaderboard(
        id, key, name, p.description().value(), status, rankBy, metricId, pointsSystemId,
        maxParticipants, start, end, p.startTime().value(), p.endTime().value(), breakdown,
        runUnit, runInterval, status != LeaderboardStatus.INACTIVE, ctx.now());
  }

  /** LB-37, LB-38: only given fields change; ranking configuration is locked once activated. */
  public static Update update(Leaderboard current, LeaderboardPatch p, DefinitionContext ctx) {
    LeaderboardStatus base = current.status(ctx.now());
    LocalDate today = ctx.today();
    boolean locked = current.activated();
    String name = p.name().value() == null ? current.name() : DefinitionChecks.name(p.name().value());
    String key = p.key().value() == null ? current.key() : p.key().value();
    RankBy rankBy = p.rankBy().value() == null ? current.rankBy() : p.rankBy().value();
    String metricId = rankBy == RankBy.METRIC ? p.metricId().or(current.metricId()) : null;
    String pointsSystemId = rankBy == RankBy.POINTS ? p.pointsSystemId().or(current.pointsSystemId()) : null;
    RunUnit runUnit = p.runUnit().or(current.runUnit());
    Integer runInterval = runUnit == null && p.runUnit().given() ? null : p.runInterval().or(current.runInterval());
    List<String> breakdown = p.breakdownAttributes().or(current.breakdownAttributes());
    if (locked) {
      checkLocked("key", current.key(), key);
      checkLocked("rankBy", current.rankBy(), rankBy);
      checkLocked("metricId", current.metricId(), metricId);
      checkLocked("pointsSystemId", current.pointsSystemId(), pointsSystemId);
      checkLocked("runUnit", current.runUnit(), runUnit);
      checkLocked("runInterval", current.runInterval(), runInterval);
      checkLocked("breakdownAttributes", current.breakdownAttributes(), breakdown);
    }
    if (!key.equals(current.key())) {
      DefinitionChecks.key(key, ctx, current.id());
    }
    if (p.rankBy().given() || p.metricId().given() || p.pointsSystemId().given()) {
      if (rankBy == RankBy.METRIC) {
        DefinitionChecks.metricId(metricId, ctx);
      } else if (rankBy == RankBy.POINTS) {
        DefinitionChecks.pointsSystemId(pointsSystemId, ctx);
      }
    }
    DefinitionChecks.schedule(rankBy, runUnit, runInterval);
    int maxParticipants =
        p.maxParticipants().given()
            ? DefinitionChecks.maxParticipants(p.maxParticipants().value(), ctx)
            : current.maxParticipants();
    if (!breakdown.equals(current.breakdownAttributes())) {
      DefinitionChecks.breakdownAttributes(breakdown, ctx);
    }
    LocalDate start = p.start().value() == null ? current.start() : p.start().value();
    boolean startMoved = !start.equals(current.start());
    if (startMoved && locked && base != LeaderboardStatus.SCHEDULED) {
      throw Rejection.invalid("start can only change while the leaderboard is scheduled");
    }
    LocalDate end = p.end().or(current.end());
    if (locked && end != null && !end.equals(current.end()) && end.isBefore(today)) {
      throw Rejection.invalid("end cannot be before today");
    }
    LocalTime startTime = p.startTime().or(current.startTime());
    LocalTime endTime = p.endTime().or(current.endTime());
    LeaderboardStatus requested = p.status().value();
    LeaderboardStatus status = requested == null ? base : requested;
    boolean finishNow = false;
    if (requested == LeaderboardStatus.ACTIVE || requested == LeaderboardStatus.SCHEDULED) {
      if (base == LeaderboardStatus.FINISHED && (!p.end().given() || (end != null && end.isBefore(today)))) {
        throw Rejection.invalid(
            "A finished leaderboard can only be reactivated with an end date of today or later");
      }
      DefinitionChecks.activation(requested, start, end, today);
    } else if (requested == LeaderboardStatus.FINISHED && base != LeaderboardStatus.FINISHED) {
      // LB-5: finishing ends the leaderboard today and finalises its current run at once.
      if (end == null || end.isAfter(today)) {
        end = start.isAfter(today) ? start : today;
      }
      finishNow = true;
    }
    DefinitionChecks.dates(start, end);
    Leaderboard next =
        new Leaderboard(
            current.id(), key, name, p.description().or(current.description()), current.status(),
            rankBy, metricId, pointsSystemId, maxParticipants, start, end, startTime, endTime,
            breakdown, runUnit, runInterval, locked || finishNow, current.created());
    return new Update(next.withStatus(status), finishNow, startMoved);
  }

  private static void checkLocked(String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      throw Rejection.invalid(field + " is locked once the leaderboard has been activated");
    }
  }
}
