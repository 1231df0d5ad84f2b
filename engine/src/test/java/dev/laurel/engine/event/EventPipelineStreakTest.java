package dev.laurel.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.streak.EvaluationMode;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.MetricThreshold;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.StreakEffect;
import dev.laurel.engine.streak.StreakSteps;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streak steps of EVENT-4 (steps 1, 2 and 4), USER-4 step 2, STREAK-16 and IDEM-4. */
class EventPipelineStreakTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private static final Metric QUIZ = new Metric("m-quiz", "quizzes", "Quizzes", UnitType.NUMBER, "");
  private static final Metric CARDS = new Metric("m-cards", "cards", "Cards", UnitType.NUMBER, "");
  /** Daily, two quizzes a day; one initial freeze, at most two. */
  private static final ScopeConfig CONFIG =
      new ScopeConfig(List.of(QUIZ, CARDS), List.of(), 0)
          .withStreak(
              new StreakConfig(
                  true,
                  Frequency.DAILY,
                  EvaluationMode.AND,
                  List.of(new MetricThreshold(QUIZ.id(), new BigDecimal("2"))),
                  true,
                  new FreezeConfig(true, 2, 1, null)));

  private final EventPipeline pipeline = new EventPipeline();
  private final Ids ids = () -> "id";

  private EventOutcome quizzes(UserState state, String value, String at) {
    EventCommand command =
        new EventCommand("quizzes", "u1", UserPatch.EMPTY, new BigDecimal(value), Map.of(), null);
    return pipeline.process(SCOPE, CONFIG, QUIZ, state, command, Instant.parse(at), ids);
  }

  @Test
  void user4_streak6_a_new_users_event_starts_the_streak_with_the_initial_freezes() {
    // 2025-01-15 10:30 UTC (the user has no tz: UTC, TIME-2).
    EventOutcome half = quizzes(null, "1", "2025-01-15T10:30:00Z");
    assertThat(half.streak())
        .isEqualTo(
            new StreakSummary(
                0, "daily", null, LocalDate.parse("2025-01-15"), LocalDate.parse("2025-01-15"),
                null, 1, 2, null, null, false));
    EventOutcome full = quizzes(half.state(), "1", "2025-01-15T10:31:00Z");
    assertThat(full.streak())
        .isEqualTo(
            new StreakSummary(
                1, "daily", LocalDate.parse("2025-01-15"), LocalDate.parse("2025-01-15"),
                LocalDate.parse("2025-01-15"), LocalDate.parse("2025-01-16"), 1, 2, null, null,
                true));
    assertThat(full.state().streak().length()).isEqualTo(1);
  }

  @Test
  void event4_step1_settles_before_the_event_and_step4_reports_what_later_steps_read() {
    UserState day1 = quizzes(null, "2", "2025-01-15T10:30:00Z").state();
    // 2025-01-18 09:00: the 16th is frozen, the 17th loses the streak, then the event starts anew.
    EventContext ctx =
        new EventContext(
            SCOPE,
            CONFIG,
            QUIZ,
            new EventCommand("quizzes", "u1", UserPatch.EMPTY, BigDecimal.TWO, Map.of(), null),
            day1,
            Instant.parse("2025-01-18T09:00:00Z"),
            ids);
    StreakSteps.settle(ctx);
    assertThat(ctx.streakLengthBefore).isZero();
    assertThat(ctx.streakEffects)
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("FreezeConsumed", "Lost");
    ctx.event =
        new StoredEvent("e", "u1", QUIZ.id(), BigDecimal.TWO, Map.of(), null, ctx.now, null);
    StreakSteps.extend(ctx);
    assertThat(ctx.streakExtended).isTrue();
    assertThat(ctx.streakLength).isEqualTo(1);
    assertThat(ctx.streakEffects.getLast()).isInstanceOf(StreakEffect.Started.class);
    assertThat(ctx.streak.freezes()).isZero();
  }

  @Test
  void streak19_streak20_preferences_map_metric_keys_and_switch_the_streak_off() {
    UserState user = quizzes(null, "0", "2025-01-15T10:30:00Z").state();
    UserState personal =
        user.withPreferences(
            new Preferences(
                Map.of(),
                null,
                null,
                List.of(new Preferences.StreakMetricPreference("cards", BigDecimal.ONE))));
    EventCommand card =
        new EventCommand("cards", "u1", UserPatch.EMPTY, BigDecimal.ONE, Map.of(), null);
    EventOutcome byCard =
        pipeline.process(
            SCOPE, CONFIG, CARDS, personal, card, Instant.parse("2025-01-15T11:00:00Z"), ids);
    assertThat(byCard.streak().extended()).isTrue();
    UserState off = user.withPreferences(new Preferences(Map.of(), false, null, null));
    EventOutcome disabled = quizzes(off, "5", "2025-01-15T11:00:00Z");
    assertThat(disabled.streak()).isEqualTo(StreakSummary.disabled("daily"));
  }

  @Test
  void idem4_a_replay_reports_the_streak_as_of_now_without_extension() {
    EventOutcome first = quizzes(null, "2", "2025-01-15T10:30:00Z");
    EventOutcome same =
        pipeline.replay(CONFIG, QUIZ, first.state(), first.event(), Instant.parse("2025-01-15T11:00:00Z"));
    assertThat(same.streak().length()).isEqualTo(1);
    assertThat(same.streak().extended()).isFalse();
    // 2025-01-18: lost (the 16th frozen, the 17th missed), as if settled on time.
    EventOutcome later =
        pipeline.replay(CONFIG, QUIZ, first.state(), first.event(), Instant.parse("2025-01-18T00:00:00Z"));
    assertThat(later.streak().length()).isZero();
    assertThat(later.streak().freezes()).isZero();
    assertThat(later.state()).isSameAs(first.state());
  }
}
