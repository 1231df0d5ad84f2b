package dev.laurel.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventPipelineTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private static final Metric CARDS = new Metric("m-cards", "flashcards-flipped", "Flashcards", UnitType.NUMBER, "");
  private static final Metric QUIZZES = new Metric("m-quiz", "quizzes", "Quizzes", UnitType.NUMBER, "");
  private static final ScopeConfig CONFIG =
      new ScopeConfig(
          List.of(CARDS, QUIZZES),
          List.of(
              new AttributeDef("a1", "plan", "Plan", AttributeType.USER),
              new AttributeDef("a2", "deck", "Deck", AttributeType.EVENT)),
          0);
  // 2025-01-15 10:30 UTC
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  private final EventPipeline pipeline = new EventPipeline();
  private final AtomicInteger sequence = new AtomicInteger();
  private final Ids ids = () -> "id-" + sequence.incrementAndGet();

  private static EventCommand event(String metricKey, String value) {
    return new EventCommand(metricKey, "u1", UserPatch.EMPTY, new BigDecimal(value), Map.of(), null);
  }

  private EventOutcome run(UserState state, EventCommand command, Instant at) {
    Metric metric = pipeline.validate(CONFIG, command, state == null ? null : state.profile());
    return pipeline.process(SCOPE, CONFIG, metric, state, command, at, ids);
  }

  @Test
  void event2_an_unknown_metric_is_404_before_any_semantic_check() {
    EventCommand command =
        new EventCommand("nope", "", new UserPatch(null, null, "Mars/Base", null, null, null), BigDecimal.ONE, Map.of(), null);
    assertThatThrownBy(() -> pipeline.validate(CONFIG, command, null))
        .isInstanceOf(Rejection.class)
        .hasMessage("Metric not found")
        .extracting(e -> ((Rejection) e).kind())
        .isEqualTo(Rejection.Kind.NOT_FOUND);
  }

  @Test
  void event2_semantic_checks_come_in_order_user_id_then_tz_then_attributes_then_value() {
    EventCommand badId =
        new EventCommand("quizzes", "", new UserPatch(null, null, "Mars/Base", null, null, null), new BigDecimal("1e13"), Map.of(), null);
    assertThatThrownBy(() -> pipeline.validate(CONFIG, badId, null)).hasMessageContaining("user id");
    EventCommand badTz =
        new EventCommand("quizzes", "u1", new UserPatch(null, null, "Mars/Base", null, null, null), new BigDecimal("1e13"), Map.of(), null);
    assertThatThrownBy(() -> pipeline.validate(CONFIG, badTz, null)).hasMessage("Invalid timezone: Mars/Base");
    EventCommand badAttr =
        new EventCommand("quizzes", "u1", UserPatch.EMPTY, new BigDecimal("1e13"), Map.of("plan", "x"), null);
    assertThatThrownBy(() -> pipeline.validate(CONFIG, badAttr, null))
        .hasMessage("Invalid attribute keys: plan. Define these attributes before using them.");
    assertThatThrownBy(() -> pipeline.validate(CONFIG, event("quizzes", "1000000000000.5"), null))
        .hasMessage("value is out of range");
    pipeline.validate(CONFIG, event("quizzes", "-1000000000000"), null);
  }

  @Test
  void idem1_an_idempotency_key_longer_than_255_characters_is_refused() {
    EventCommand command =
        new EventCommand("quizzes", "u1", UserPatch.EMPTY, BigDecimal.ONE, Map.of(), "k".repeat(256));
    assertThatThrownBy(() -> pipeline.validate(CONFIG, command, null))
        .hasMessage("Idempotency-Key must be at most 255 characters");
  }

  @Test
  void event4_identify_creates_a_new_user_inline_and_records_the_event() {
    EventOutcome out = run(null, event("flashcards-flipped", "2.5"), T0);
    assertThat(out.userCreated()).isTrue();
    assertThat(out.state().profile().id()).isEqualTo("u1");
    assertThat(out.state().profile().created()).isEqualTo(T0);
    assertThat(out.total()).isEqualByComparingTo("2.5");
    assertThat(out.event().metricId()).isEqualTo("m-cards");
    assertThat(out.event().at()).isEqualTo(T0);
    assertThat(out.event().id()).isEqualTo("id-1");
  }

  @Test
  void event3_metric6_values_add_exactly_and_may_be_negative_zero_or_fractional() {
    EventOutcome a = run(null, event("flashcards-flipped", "0.1"), T0);
    EventOutcome b = run(a.state(), event("flashcards-flipped", "0.2"), T0);
    assertThat(b.total()).isEqualByComparingTo("0.3");
    EventOutcome c = run(b.state(), event("flashcards-flipped", "-1"), T0);
    assertThat(c.total()).isEqualByComparingTo("-0.7");
    EventOutcome d = run(c.state(), event("flashcards-flipped", "0"), T0);
    assertThat(d.total()).isEqualByComparingTo("-0.7");
    assertThat(d.event().value()).isEqualByComparingTo("0");
    assertThat(d.state().total("m-quiz")).isEqualByComparingTo("0");
  }

  @Test
  void time3_the_event_keeps_the_zone_in_force_when_it_was_processed() {
    EventCommand inLondon =
        new EventCommand("quizzes", "u1", new UserPatch(null, null, "Europe/London", null, null, null), BigDecimal.ONE, Map.of(), null);
    EventOutcome first = run(null, inLondon, T0);
    assertThat(first.event().tz()).isEqualTo("Europe/London");
    EventCommand moved =
        new EventCommand("quizzes", "u1", new UserPatch(null, null, "Asia/Tokyo", null, null, null), BigDecimal.ONE, Map.of(), null);
    EventOutcome second = run(first.state(), moved, T0.plusSeconds(60));
    assertThat(second.event().tz()).isEqualTo("Asia/Tokyo");
  }

  @Test
  void attr8_event_attributes_stay_on_the_event_and_never_touch_user_attributes() {
    EventCommand command =
        new EventCommand("quizzes", "u1", UserPatch.EMPTY, BigDecimal.ONE, Map.of("deck", "french"), null);
    EventOutcome out = run(null, command, T0);
    assertThat(out.event().attributes()).containsEntry("deck", "french");
    assertThat(out.state().profile().attributes()).isEmpty();
  }

  @Test
  void event6_streak_is_reported_off_until_streaks_are_configured() {
    EventOutcome out = run(null, event("quizzes", "1"), T0);
    assertThat(out.streak()).isEqualTo(StreakSummary.disabled("daily"));
  }

  @Test
  void idem4_a_replay_reports_the_original_event_and_the_current_total() {
    EventOutcome first = run(null, event("quizzes", "3"), T0);
    EventOutcome replay = pipeline.replay(CONFIG, QUIZZES, first.state(), first.event(), T0);
    assertThat(replay.event().id()).isEqualTo(first.event().id());
    assertThat(replay.total()).isEqualByComparingTo("3");
    assertThat(replay.state()).isSameAs(first.state());
  }
}
