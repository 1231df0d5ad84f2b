package dev.laurel.engine.points;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementCatalog;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.streak.EvaluationMode;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.MetricThreshold;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EVENT-4 steps 4, 5 and 6 with a real streak: streak triggers fire from the extension made by the
 * same event (TRIG-8), after its metric triggers (TRIG-5) and before the achievement triggers of
 * the streak achievement that extension completed (ACH-7, TRIG-9, PTS-5). Daily streak on cards
 * (one a day), no freezes; the user has no tz, so local dates are UTC dates.
 */
class StreakPointsPipelineTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private static final Metric CARDS =
      new Metric(Fixtures.CARDS, "flashcards-flipped", "Flashcards flipped", Metric.UnitType.NUMBER, "");
  private static final Achievement TWO_DAYS =
      new Achievement(
          "a-two", "two-days", "Two days", null, null, AchievementTrigger.STREAK, AchievementStatus.ACTIVE,
          null, null, List.of(), 2, List.of(), List.of(), "r1");
  private static final ScopeConfig CONFIG =
      new ScopeConfig(
              List.of(CARDS),
              List.of(),
              0,
              new PointsConfig(
                  List.of(
                      new SystemConfig(
                          Fixtures.system("xp", null),
                          List.of(
                              Fixtures.trigger("t-achievement", "xp", 7, new TriggerRule.Achievement("a-two", "Two days")),
                              Fixtures.trigger("t-streak", "xp", 50, new TriggerRule.Streak(2)),
                              Fixtures.metric("t-card", "xp", 1, 1)),
                          List.of(),
                          List.of()))))
          .withAchievements(new AchievementCatalog(List.of(TWO_DAYS)))
          .withStreak(
              new StreakConfig(
                  true,
                  Frequency.DAILY,
                  EvaluationMode.AND,
                  List.of(new MetricThreshold(CARDS.id(), BigDecimal.ONE)),
                  false,
                  FreezeConfig.DISABLED));

  private final EventPipeline pipeline = new EventPipeline();
  private final Ids ids = Fixtures.ids();

  private EventOutcome event(UserState state, String at) {
    EventCommand command = new EventCommand(CARDS.key(), "u1", UserPatch.EMPTY, BigDecimal.ONE, Map.of(), null);
    return pipeline.process(SCOPE, CONFIG, CARDS, state, command, Instant.parse(at), ids);
  }

  private static List<String> triggers(EventOutcome outcome) {
    return outcome.points().awarded().stream().map(Award::triggerId).toList();
  }

  @Test
  void trig8_a_streak_trigger_fires_in_the_event_that_extends_the_streak_to_its_length() {
    // Wednesday 2025-01-15 10:30 UTC: the streak starts at 1, only the metric trigger fires.
    EventOutcome day1 = event(null, "2025-01-15T10:30:00Z");
    assertThat(day1.streak().length()).isEqualTo(1);
    assertThat(triggers(day1)).containsExactly("t-card");
    // Thursday 09:00: this event extends the streak to 2: metric, streak, then achievement triggers.
    EventOutcome day2 = event(day1.state(), "2025-01-16T09:00:00Z");
    assertThat(day2.streak().extended()).isTrue();
    assertThat(day2.streak().length()).isEqualTo(2);
    assertThat(day2.achievements()).extracting(c -> c.achievement().key()).containsExactly("two-days");
    assertThat(triggers(day2)).containsExactly("t-card", "t-streak", "t-achievement");
    assertThat(day2.state().points().total("xp")).isEqualTo(1 + 1 + 50 + 7);
    // Thursday 10:00: same day, not extended again: no streak trigger.
    EventOutcome again = event(day2.state(), "2025-01-16T10:00:00Z");
    assertThat(again.streak().extended()).isFalse();
    assertThat(triggers(again)).containsExactly("t-card");
    // Friday 09:00: length 3 is no multiple of 2; Saturday 09:00: length 4 fires again.
    EventOutcome day3 = event(again.state(), "2025-01-17T09:00:00Z");
    assertThat(triggers(day3)).containsExactly("t-card");
    EventOutcome day4 = event(day3.state(), "2025-01-18T09:00:00Z");
    assertThat(day4.streak().length()).isEqualTo(4);
    assertThat(triggers(day4)).containsExactly("t-card", "t-streak");
  }
}
