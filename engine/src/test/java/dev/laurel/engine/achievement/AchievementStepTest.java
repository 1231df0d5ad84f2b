package dev.laurel.engine.achievement;

import static dev.laurel.engine.achievement.Fixtures.CARDS;
import static dev.laurel.engine.achievement.Fixtures.SCOPE;
import static dev.laurel.engine.achievement.Fixtures.T0;
import static dev.laurel.engine.achievement.Fixtures.composite;
import static dev.laurel.engine.achievement.Fixtures.config;
import static dev.laurel.engine.achievement.Fixtures.forPlan;
import static dev.laurel.engine.achievement.Fixtures.metric;
import static dev.laurel.engine.achievement.Fixtures.onDeck;
import static dev.laurel.engine.achievement.Fixtures.streak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Ids;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventContext;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.event.StreakSummary;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EVENT-4 step 5: ACH-3, ACH-6..ACH-10, ACH-18 through the real pipeline. */
class AchievementStepTest {
  private final EventPipeline pipeline = new EventPipeline();
  private final Ids ids = Fixtures.ids();

  private EventOutcome event(ScopeConfig config, UserState state, String value, Map<String, String> attrs, UserPatch user, Instant at) {
    EventCommand command = new EventCommand(CARDS.key(), "u1", user, new BigDecimal(value), attrs, null);
    return pipeline.process(SCOPE, config, CARDS, state, command, at, ids);
  }

  private EventOutcome event(ScopeConfig config, UserState state, String value) {
    return event(config, state, value, Map.of(), UserPatch.EMPTY, T0);
  }

  private static List<String> keys(EventOutcome o) {
    return o.achievements().stream().map(c -> c.achievement().key()).toList();
  }

  @Test
  void ach6_a_metric_achievement_completes_once_when_the_total_reaches_its_value() {
    ScopeConfig config = config(metric("ten", "10"));
    EventOutcome first = event(config, null, "9");
    assertThat(first.achievements()).isEmpty();
    // 2025-01-15 10:31 UTC
    EventOutcome second = event(config, first.state(), "1", Map.of(), UserPatch.EMPTY, T0.plusSeconds(60));
    assertThat(keys(second)).containsExactly("ten");
    assertThat(second.achievements().get(0).completion().achievedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(second.state().achievements().hasCompleted("a-ten")).isTrue();
    assertThat(event(config, second.state(), "5").achievements()).isEmpty();
  }

  @Test
  void ach18_one_large_event_completes_every_tier_it_passes_by_value_then_creation() {
    // Created in the order 50, 10, 100, ten-too (also 10): reported by value, then creation.
    ScopeConfig config = config(metric("fifty", "50"), metric("ten", "10"), metric("hundred", "100"), metric("ten-too", "10"));
    EventOutcome o = event(config, null, "75");
    assertThat(keys(o)).containsExactly("ten", "ten-too", "fifty");
    assertThat(keys(event(config, o.state(), "25"))).containsExactly("hundred");
  }

  @Test
  void ach3_inactive_and_locked_achievements_are_never_completed() {
    ScopeConfig config =
        config(metric("off", "1", AchievementStatus.INACTIVE), metric("frozen", "1", AchievementStatus.LOCKED), metric("on", "1"));
    assertThat(keys(event(config, null, "5"))).containsExactly("on");
  }

  @Test
  void ach6_with_event_filters_only_matching_events_count_towards_the_filtered_total() {
    ScopeConfig config = config(onDeck("french-5", "5", "french"), metric("any-5", "5"));
    EventOutcome a = event(config, null, "3", Map.of("deck", "french"), UserPatch.EMPTY, T0);
    EventOutcome b = event(config, a.state(), "3", Map.of("deck", "german"), UserPatch.EMPTY, T0);
    assertThat(keys(b)).containsExactly("any-5");
    assertThat(b.state().achievements().filteredTotal("a-french-5:r1")).isEqualByComparingTo("3");
    EventOutcome c = event(config, b.state(), "2", Map.of("deck", "french"), UserPatch.EMPTY, T0);
    assertThat(keys(c)).containsExactly("french-5");
  }

  @Test
  void ach6_an_existing_user_whose_filtered_total_was_not_loaded_is_a_caller_bug_not_a_zero() {
    ScopeConfig config = config(onDeck("french-5", "5", "french"));
    UserState existing = Fixtures.user(Map.of(CARDS.id(), new BigDecimal("100")));
    assertThatThrownBy(() -> event(config, existing, "1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not loaded");
  }

  @Test
  void ach6_user_attribute_filters_see_the_attributes_set_by_the_same_event() {
    ScopeConfig config = config(forPlan(metric("pro-1", "1"), "pro"));
    assertThat(event(config, null, "1").achievements()).isEmpty();
    UserPatch pro = new UserPatch(null, null, null, null, null, Map.of("plan", "pro"));
    assertThat(keys(event(config, null, "1", Map.of(), pro, T0))).containsExactly("pro-1");
  }

  @Test
  void ach10_an_attribute_change_completes_nothing_until_the_next_event_re_evaluates() {
    ScopeConfig config = config(forPlan(metric("pro-1", "1"), "pro"));
    EventOutcome free = event(config, null, "5");
    assertThat(free.achievements()).isEmpty();
    UserPatch pro = new UserPatch(null, null, null, null, null, Map.of("plan", "pro"));
    assertThat(keys(event(config, free.state(), "0", Map.of(), pro, T0))).containsExactly("pro-1");
  }

  @Test
  void ach9_negative_events_never_revoke_a_completion() {
    ScopeConfig config = config(metric("ten", "10"));
    EventOutcome done = event(config, null, "10");
    EventOutcome lowered = event(config, done.state(), "-50");
    assertThat(lowered.total()).isEqualByComparingTo("-40");
    assertThat(lowered.state().achievements().hasCompleted("a-ten")).isTrue();
    assertThat(event(config, lowered.state(), "100").achievements()).isEmpty();
  }

  @Test
  void ach8_a_composite_completes_in_the_same_event_as_its_last_prerequisite_and_cascades() {
    Achievement one = metric("one", "1");
    Achievement five = metric("five", "5");
    Achievement both = composite("both", one, five);
    Achievement top = composite("top", both);
    // Composites created before their prerequisites still come last (ACH-18).
    ScopeConfig config = config(top, both, one, five);
    EventOutcome first = event(config, null, "1");
    assertThat(keys(first)).containsExactly("one");
    assertThat(keys(event(config, first.state(), "4"))).containsExactly("five", "both", "top");
  }

  @Test
  void ach7_ach18_streak_achievements_complete_on_an_extension_after_metric_ones() {
    Achievement three = streak("three", 3);
    Achievement two = streak("two", 2);
    Achievement five = streak("five", 5);
    Achievement tenCards = metric("ten", "10");
    Achievement combo = composite("combo", two, tenCards);
    ScopeConfig config = config(combo, three, two, five, tenCards);
    EventContext extended = context(config, 3, true);
    new AchievementStep().apply(extended);
    assertThat(extended.achievementsCompleted.stream().map(c -> c.achievement().key()))
        .containsExactly("ten", "two", "three", "combo");
    EventContext notExtended = context(config, 7, false);
    new AchievementStep().apply(notExtended);
    assertThat(notExtended.achievementsCompleted.stream().map(c -> c.achievement().key())).containsExactly("ten");
  }

  /** A context after steps 2..4 of a 10-card event, with the streak of the given length. */
  private EventContext context(ScopeConfig config, int length, boolean extended) {
    UserState state = Fixtures.user(Map.of(CARDS.id(), BigDecimal.TEN));
    EventCommand command = new EventCommand(CARDS.key(), "u1", UserPatch.EMPTY, BigDecimal.TEN, Map.of(), null);
    EventContext ctx = new EventContext(SCOPE, config, CARDS, command, state, T0, ids);
    ctx.event = new StoredEvent("e1", "u1", CARDS.id(), BigDecimal.TEN, Map.of(), null, T0, null);
    ctx.streak = new StreakSummary(length, "daily", null, null, null, null, null, null, null, null, extended);
    ctx.streakExtended = extended;
    ctx.streakLength = length;
    return ctx;
  }
}
