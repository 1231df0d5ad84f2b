package dev.laurel.engine.leaderboard;

import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.user.UserProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Leaderboard definitions and configurations for engine tests. */
final class Boards {
  static final Metric CARDS = new Metric("m-cards", "flashcards-flipped", "Flashcards flipped", UnitType.NUMBER, "");
  static final Metric QUIZZES = new Metric("m-quiz", "quizzes", "Quizzes", UnitType.NUMBER, "");
  static final AttributeDef PLAN = new AttributeDef("a-plan", "plan", "Plan", AttributeType.USER);
  static final AttributeDef COUNTRY = new AttributeDef("a-country", "country", "Country", AttributeType.USER);
  static final AttributeDef DECK = new AttributeDef("a-deck", "deck", "Deck", AttributeType.EVENT);
  static final Instant CREATED = Instant.parse("2024-12-01T00:00:00Z");

  private Boards() {}

  /** An active perpetual metric leaderboard on {@link #CARDS} starting on {@code start}. */
  static Leaderboard metric(String key, String start) {
    return new Leaderboard(
        "lb-" + key, key, key, null, LeaderboardStatus.ACTIVE, RankBy.METRIC, CARDS.id(), null,
        1000, LocalDate.parse(start), null, null, null, List.of(), null, null, true, CREATED);
  }

  static Leaderboard repeating(Leaderboard lb, RunUnit unit, int interval) {
    return copy(lb, lb.start(), lb.end(), unit, interval, lb.breakdownAttributes(), lb.startTime(), lb.endTime());
  }

  static Leaderboard ending(Leaderboard lb, String end) {
    return copy(lb, lb.start(), LocalDate.parse(end), lb.runUnit(), lb.runInterval(), lb.breakdownAttributes(), lb.startTime(), lb.endTime());
  }

  static Leaderboard brokenDownBy(Leaderboard lb, AttributeDef... attributes) {
    List<String> ids = java.util.Arrays.stream(attributes).map(AttributeDef::id).toList();
    return copy(lb, lb.start(), lb.end(), lb.runUnit(), lb.runInterval(), ids, lb.startTime(), lb.endTime());
  }

  static Leaderboard timed(Leaderboard lb, String startTime, String endTime) {
    return copy(
        lb, lb.start(), lb.end(), lb.runUnit(), lb.runInterval(), lb.breakdownAttributes(),
        startTime == null ? null : LocalTime.parse(startTime), endTime == null ? null : LocalTime.parse(endTime));
  }

  static Leaderboard points(String key, String systemId, String start) {
    return new Leaderboard(
        "lb-" + key, key, key, null, LeaderboardStatus.ACTIVE, RankBy.POINTS, null, systemId,
        1000, LocalDate.parse(start), null, null, null, List.of(), null, null, true, CREATED);
  }

  static Leaderboard streak(String key, String start) {
    return new Leaderboard(
        "lb-" + key, key, key, null, LeaderboardStatus.ACTIVE, RankBy.STREAK, null, null,
        1000, LocalDate.parse(start), null, null, null, List.of(), null, null, true, CREATED);
  }

  private static Leaderboard copy(
      Leaderboard lb, LocalDate start, LocalDate end, RunUnit unit, Integer interval,
      List<String> breakdown, LocalTime startTime, LocalTime endTime) {
    return new Leaderboard(
        lb.id(), lb.key(), lb.name(), lb.description(), lb.status(), lb.rankBy(), lb.metricId(),
        lb.pointsSystemId(), lb.maxParticipants(), start, end, startTime, endTime, breakdown, unit,
        interval, lb.activated(), lb.created());
  }

  static ScopeConfig config(Leaderboard... leaderboards) {
    return new ScopeConfig(List.of(CARDS, QUIZZES), List.of(PLAN, COUNTRY, DECK), 0)
        .withLeaderboards(List.of(leaderboards));
  }

  static UserProfile user(String id, String tz, Map<String, String> attributes) {
    return new UserProfile(id, null, null, tz, List.of(), true, attributes, false, CREATED, CREATED);
  }

  static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }
}
