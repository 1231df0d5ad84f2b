package dev.laurel.engine.achievement;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared definitions for the achievement tests: one scope with two metrics and two attributes. */
final class Fixtures {
  static final Scope SCOPE = Scope.defaultTenant("env-1");
  static final Metric CARDS = new Metric("m-cards", "cards", "Flashcards flipped", UnitType.NUMBER, "");
  static final Metric QUIZZES = new Metric("m-quiz", "quizzes", "Quizzes", UnitType.NUMBER, "");
  static final AttributeDef PLAN = new AttributeDef("at-plan", "plan", "Plan", AttributeType.USER);
  static final AttributeDef DECK = new AttributeDef("at-deck", "deck", "Deck", AttributeType.EVENT);
  // 2025-01-15 10:30 UTC
  static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  private Fixtures() {}

  static ScopeConfig config(Achievement... achievements) {
    return new ScopeConfig(List.of(CARDS, QUIZZES), List.of(PLAN, DECK), 0)
        .withAchievements(new AchievementCatalog(Arrays.asList(achievements)));
  }

  static Ids ids() {
    AtomicInteger n = new AtomicInteger();
    return () -> "c-" + n.incrementAndGet();
  }

  static Achievement metric(String key, String value, AchievementStatus status) {
    return new Achievement(
        "a-" + key, key, key, null, null, AchievementTrigger.METRIC, status, CARDS.id(),
        new BigDecimal(value), List.of(), null, List.of(), List.of(), "r1");
  }

  static Achievement metric(String key, String value) {
    return metric(key, value, AchievementStatus.ACTIVE);
  }

  static Achievement onDeck(String key, String value, String deck) {
    Achievement a = metric(key, value);
    return new Achievement(
        a.id(), key, key, null, null, AchievementTrigger.METRIC, AchievementStatus.ACTIVE, CARDS.id(),
        a.metricValue(), List.of(new AttributeFilter(DECK.id(), DECK.key(), deck)), null, List.of(),
        List.of(), "r1");
  }

  static Achievement forPlan(Achievement a, String plan) {
    return new Achievement(
        a.id(), a.key(), a.name(), null, null, a.trigger(), a.status(), a.metricId(), a.metricValue(),
        a.eventFilters(), a.streakLength(), a.prerequisiteIds(),
        List.of(new AttributeFilter(PLAN.id(), PLAN.key(), plan)), a.filterRevision());
  }

  static Achievement streak(String key, int length) {
    return new Achievement(
        "a-" + key, key, key, null, null, AchievementTrigger.STREAK, AchievementStatus.ACTIVE, null, null,
        List.of(), length, List.of(), List.of(), "r1");
  }

  static Achievement api(String key, AchievementStatus status) {
    return new Achievement(
        "a-" + key, key, key, null, null, AchievementTrigger.API, status, null, null, List.of(), null,
        List.of(), List.of(), "r1");
  }

  static Achievement composite(String key, Achievement... prerequisites) {
    return new Achievement(
        "a-" + key, key, key, null, null, AchievementTrigger.ACHIEVEMENT, AchievementStatus.ACTIVE, null,
        null, List.of(), null, Arrays.stream(prerequisites).map(Achievement::id).toList(), List.of(), "r1");
  }

  static UserState user(Map<String, String> attributes, Map<String, BigDecimal> totals, AchievementProgress p) {
    UserProfile profile = new UserProfile("u1", null, null, null, List.of(), true, attributes, false, T0, T0);
    return new UserState(profile, Preferences.NONE, totals, p, null, null, null);
  }

  static UserState user(Map<String, BigDecimal> totals) {
    return user(Map.of(), totals, AchievementProgress.NONE);
  }
}
