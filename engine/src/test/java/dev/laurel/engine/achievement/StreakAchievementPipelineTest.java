package dev.laurel.engine.achievement;

import static dev.laurel.engine.achievement.Fixtures.CARDS;
import static dev.laurel.engine.achievement.Fixtures.QUIZZES;
import static dev.laurel.engine.achievement.Fixtures.SCOPE;
import static dev.laurel.engine.achievement.Fixtures.composite;
import static dev.laurel.engine.achievement.Fixtures.metric;
import static dev.laurel.engine.achievement.Fixtures.streak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Ids;
import dev.laurel.engine.ScopeConfig;
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
 * EVENT-4 steps 4 and 5 together: the achievement step sees this event's streak extension (ACH-7),
 * in ACH-18 order, and cascades composites of metric and streak achievements (ACH-8). Daily streak
 * on quizzes (one a day), no freezes; the user has no tz, so local dates are UTC dates.
 */
class StreakAchievementPipelineTest {
  private static final Achievement TWO = streak("two", 2);
  private static final Achievement THREE = streak("three", 3);
  private static final Achievement TEN_CARDS = metric("ten-cards", "10");
  private static final Achievement BOTH = composite("both", THREE, TEN_CARDS);
  private static final ScopeConfig CONFIG =
      Fixtures.config(BOTH, THREE, TWO, TEN_CARDS)
          .withStreak(
              new StreakConfig(
                  true,
                  Frequency.DAILY,
                  EvaluationMode.AND,
                  List.of(new MetricThreshold(QUIZZES.id(), BigDecimal.ONE)),
                  false,
                  FreezeConfig.DISABLED));

  private final EventPipeline pipeline = new EventPipeline();
  private final Ids ids = Fixtures.ids();

  private EventOutcome event(UserState state, Metric metric, String value, String at) {
    EventCommand command =
        new EventCommand(metric.key(), "u1", UserPatch.EMPTY, new BigDecimal(value), Map.of(), null);
    return pipeline.process(SCOPE, CONFIG, metric, state, command, Instant.parse(at), ids);
  }

  private static List<String> keys(EventOutcome outcome) {
    return outcome.achievements().stream().map(c -> c.achievement().key()).toList();
  }

  @Test
  void ach7_ach18_streak_achievements_complete_in_the_event_that_extends_the_streak_to_their_length() {
    // Wednesday 2025-01-15 10:30 UTC: length 1.
    EventOutcome day1 = event(null, QUIZZES, "1", "2025-01-15T10:30:00Z");
    assertThat(keys(day1)).isEmpty();
    // Thursday 09:00: extended to 2 → two.
    EventOutcome day2 = event(day1.state(), QUIZZES, "1", "2025-01-16T09:00:00Z");
    assertThat(day2.streak().length()).isEqualTo(2);
    assertThat(keys(day2)).containsExactly("two");
    // Thursday 10:00: not extended again, nothing new.
    EventOutcome again = event(day2.state(), QUIZZES, "1", "2025-01-16T10:00:00Z");
    assertThat(again.streak().extended()).isFalse();
    assertThat(keys(again)).isEmpty();
    // Thursday 11:00: ten cards (no streak metric) complete the metric achievement only.
    EventOutcome cards = event(again.state(), CARDS, "10", "2025-01-16T11:00:00Z");
    assertThat(keys(cards)).containsExactly("ten-cards");
    // Friday 09:00: extended to 3 → three, then the composite of ten-cards and three.
    EventOutcome day3 = event(cards.state(), QUIZZES, "1", "2025-01-17T09:00:00Z");
    assertThat(day3.streak().length()).isEqualTo(3);
    assertThat(keys(day3)).containsExactly("three", "both");
    assertThat(day3.state().achievements().hasCompleted(BOTH.id())).isTrue();
    assertThat(day3.state().streak().length()).isEqualTo(3);
  }

  @Test
  void ach7_a_new_streak_after_a_lost_one_completes_nothing_already_held() {
    UserState s = event(null, QUIZZES, "1", "2025-01-15T10:30:00Z").state();
    s = event(s, QUIZZES, "1", "2025-01-16T10:30:00Z").state();
    // Saturday 2025-01-18: Friday missed, the streak was lost; this event starts it again at 1.
    EventOutcome restart = event(s, QUIZZES, "1", "2025-01-18T10:30:00Z");
    assertThat(restart.streak().length()).isEqualTo(1);
    assertThat(keys(restart)).isEmpty();
    // Sunday: 2 again, but two is already held (ACH-9): nothing is reported.
    EventOutcome sunday = event(restart.state(), QUIZZES, "1", "2025-01-19T10:30:00Z");
    assertThat(sunday.streak().length()).isEqualTo(2);
    assertThat(keys(sunday)).isEmpty();
  }
}
