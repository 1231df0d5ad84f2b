package dev.laurel.engine.leaderboard;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of single leaderboard fields shared by create and update (LB-1, LB-36, LB-37). */
final class DefinitionChecks {
  static final Pattern KEY = Pattern.compile("^[a-zA-Z\\d\\-_]+$");
  static final int MAX_KEY_LENGTH = 100;
  static final int MAX_NAME_LENGTH = 255;

  private DefinitionChecks() {}

  static String name(String name) {
    if (name == null) {
      throw Rejection.invalid("name must be a string");
    }
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw Rejection.invalid("name must be between 1 and " + MAX_NAME_LENGTH + " characters");
    }
    return name;
  }

  /** A well-formed key not used by another leaderboard of the scope than {@code selfId}. */
  static String key(String key, DefinitionContext ctx, String selfId) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw Rejection.invalid("key must match ^[a-zA-Z\\d-_]+$");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw Rejection.invalid("key must be at most " + MAX_KEY_LENGTH + " characters");
    }
    for (Leaderboard other : ctx.config().leaderboards()) {
      if (other.key().equals(key) && !other.id().equals(selfId)) {
        throw Rejection.invalid("Key already in use by another leaderboard");
      }
    }
    return key;
  }

  static RankBy rankBy(RankBy rankBy) {
    if (rankBy == null) {
      throw Rejection.invalid("rankBy must be one of metric, streak, points");
    }
    return rankBy;
  }

  static String metricId(String metricId, DefinitionContext ctx) {
    if (metricId == null) {
      throw Rejection.invalid("metricId is required when rankBy is metric");
    }
    if (ctx.config().metricById(metricId) == null) {
      throw Rejection.invalid("metricId must be the id of an active metric, got " + metricId);
    }
    return metricId;
  }

  static String pointsSystemId(String pointsSystemId, DefinitionContext ctx) {
    if (pointsSystemId == null) {
      throw Rejection.invalid("pointsSystemId is required when rankBy is points");
    }
    if (ctx.points().byId(pointsSystemId) == null) {
      throw Rejection.invalid("pointsSystemId must be the id of an active points system, got " + pointsSystemId);
    }
    return pointsSystemId;
  }

  /** LB-1: {@code runUnit} and {@code runInterval} come together; streak leaderboards never repeat. */
  static void schedule(RankBy rankBy, RunUnit runUnit, Integer runInterval) {
    if (runUnit != null && rankBy == RankBy.STREAK) {
      throw Rejection.invalid("Streak leaderboards cannot repeat");
    }
    if (runUnit == null && runInterval != null) {
      throw Rejection.invalid("runInterval requires runUnit");
    }
    if (runUnit != null && runInterval == null) {
      throw Rejection.invalid("runUnit requires runInterval");
    }
    if (runInterval != null && runInterval < 1) {
      throw Rejection.invalid("runInterval must be an integer of at least 1");
    }
  }

  /** LB-1, CFG-12: 1 to the ceiling; null means the default. */
  static int maxParticipants(Integer value, DefinitionContext ctx) {
    if (value == null) {
      return Leaderboard.DEFAULT_MAX_PARTICIPANTS;
    }
    if (value < 1 || value > ctx.ceiling()) {
      throw Rejection.invalid("maxParticipants must be an integer between 1 and " + ctx.ceiling());
    }
    return value;
  }

  /** LB-1: ids of active user attributes, each at most once. */
  static List<String> breakdownAttributes(List<String> ids, DefinitionContext ctx) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      AttributeDef def =
          ctx.config().attributes().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
      if (def == null || def.type() != AttributeType.USER) {
        throw Rejection.invalid("breakdownAttributes must be ids of active user attributes, got " + id);
      }
      if (!seen.add(id)) {
        throw Rejection.invalid("breakdownAttributes must not name an attribute twice, got " + id);
      }
    }
    return List.copyOf(ids);
  }

  static void dates(LocalDate start, LocalDate end) {
    if (end != null && end.isBefore(start)) {
      throw Rejection.invalid("end must not be before start");
    }
  }

  /** LB-5: {@code active} needs a start of today or earlier, {@code scheduled} a later one. */
  static void activation(LeaderboardStatus status, LocalDate start, LocalDate end, LocalDate today) {
    if (status == LeaderboardStatus.ACTIVE && start.isAfter(today)) {
      throw Rejection.invalid("Leaderboards with a future start date can only be scheduled");
    }
    if (status == LeaderboardStatus.SCHEDULED && !start.isAfter(today)) {
      throw Rejection.invalid("Only leaderboards with a future start date can be scheduled");
    }
    if ((status == LeaderboardStatus.ACTIVE || status == LeaderboardStatus.SCHEDULED)
        && end != null && end.isBefore(today)) {
      throw Rejection.invalid("Leaderboards with an end date in the past cannot be activated");
    }
  }
}
