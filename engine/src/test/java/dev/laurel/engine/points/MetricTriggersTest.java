package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static dev.laurel.engine.points.Fixtures.awarded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.user.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTriggersTest {
  private static final PointsSystem XP = Fixtures.system("xp", null);

  /** Sends events one by one and returns the awarded amounts per event. */
  private static List<List<Long>> run(PointsConfig config, UserProfile user, PointsState[] state, String... values) {
    List<List<Long>> out = new ArrayList<>();
    for (String v : values) {
      Ledger ledger = new Ledger(user, state[0], Fixtures.ids());
      MetricTriggers.apply(config, ledger, Fixtures.event(user.id(), v, Map.of(), T0), T0);
      state[0] = ledger.state();
      out.add(awarded(ledger.awards()));
    }
    return out;
  }

  @Test
  void trig5_pts4_events_2_2_5_with_threshold_3_award_nothing_then_10_then_one_award_of_20() {
    PointsConfig config = Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 10, 3)), List.of(), List.of());
    PointsState[] state = {PointsState.EMPTY};
    assertThat(run(config, Fixtures.user("u1"), state, "2", "2", "5"))
        .containsExactly(List.of(), List.of(10L), List.of(20L));
    assertThat(state[0].total("xp")).isEqualTo(30);
    MetricProgress p = state[0].metricProgress().get("t1");
    assertThat(p.accumulated()).isEqualByComparingTo("9");
    assertThat(p.paid()).isEqualByComparingTo("3");
  }

  @Test
  void trig5_fractional_values_accumulate_exactly() {
    PointsConfig config = Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 1, 1)), List.of(), List.of());
    PointsState[] state = {PointsState.EMPTY};
    assertThat(run(config, Fixtures.user("u1"), state, "0.1", "0.2", "0.3", "0.4"))
        .containsExactly(List.of(), List.of(), List.of(), List.of(1L));
  }

  @Test
  void trig6_a_dip_never_deducts_and_thresholds_already_paid_are_not_paid_again() {
    PointsConfig config = Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 10, 3)), List.of(), List.of());
    PointsState[] state = {PointsState.EMPTY};
    // A: 6 (k 2), 1 (dip), 6 (back to 6: nothing new), 9 (k 1)
    assertThat(run(config, Fixtures.user("u1"), state, "6", "-5", "5", "3"))
        .containsExactly(List.of(20L), List.of(), List.of(), List.of(10L));
  }

  @Test
  void trig6_pts6_a_negative_trigger_deducts_on_crossings_and_the_total_floors_at_zero() {
    PointsConfig config =
        Fixtures.config(
            XP,
            List.of(Fixtures.metric("earn", "xp", 5, 1), Fixtures.metric("spend", "xp", -20, 2)),
            List.of(),
            List.of());
    PointsState[] state = {PointsState.EMPTY};
    // +2 units: earn 2×5 = 10, spend 1×−20 → floored at 0: effective −10
    assertThat(run(config, Fixtures.user("u1"), state, "2")).containsExactly(List.of(10L, -10L));
    assertThat(state[0].total("xp")).isZero();
    // +2 units: earn +10, spend −20 → effective −10 again
    assertThat(run(config, Fixtures.user("u1"), state, "2")).containsExactly(List.of(10L, -10L));
  }

  @Test
  void trig14_a_blocking_deduction_that_would_go_below_zero_refuses_the_request() {
    Trigger spend =
        new Trigger("spend", "xp", -20, TriggerStatus.ACTIVE, List.of(),
            new TriggerRule.Metric(Fixtures.CARDS, "Cards", 1, List.of()), true, T0, T0, T0, 0, 0);
    PointsConfig config = Fixtures.config(XP, List.of(Fixtures.metric("earn", "xp", 15, 1), spend), List.of(), List.of());
    PointsState[] state = {new PointsState(Map.of("xp", 10L), Map.of(), Map.of())};
    // 10 + 15 − 20 = 5 ≥ 0: allowed
    assertThat(run(config, Fixtures.user("u1"), state, "1")).containsExactly(List.of(15L, -20L));
    assertThat(state[0].total("xp")).isEqualTo(5);
    // 5 + 15 − 20 = 0: allowed; then 0 + 30 − 40 < 0: refused
    run(config, Fixtures.user("u1"), state, "1");
    assertThatThrownBy(() -> run(config, Fixtures.user("u1"), state, "2"))
        .isInstanceOf(Rejection.class)
        .hasMessage("Insufficient points in points system xp-key")
        .extracting(e -> ((Rejection) e).kind())
        .isEqualTo(Rejection.Kind.INVALID);
  }

  @Test
  void trig3_event_attribute_filters_decide_which_events_contribute() {
    Trigger french =
        Fixtures.trigger("t1", "xp", 10,
            new TriggerRule.Metric(Fixtures.CARDS, "Cards", 2, List.of(new AttributeFilter("a-deck", "deck", "fr"))));
    PointsConfig config = Fixtures.config(XP, List.of(french), List.of(), List.of());
    UserProfile user = Fixtures.user("u1");
    PointsState state = PointsState.EMPTY;
    List<Long> out = new ArrayList<>();
    for (var attrs : List.of(Map.of("deck", "fr"), Map.of("deck", "de"), Map.<String, String>of(), Map.of("deck", "fr"))) {
      Ledger ledger = new Ledger(user, state, Fixtures.ids());
      MetricTriggers.apply(config, ledger, Fixtures.event("u1", "1", attrs, T0), T0);
      state = ledger.state();
      out.add(state.total("xp"));
    }
    assertThat(out).containsExactly(0L, 0L, 0L, 10L);
  }

  @Test
  void trig3_user_attribute_filters_decide_which_users_the_trigger_applies_to() {
    Trigger pro =
        new Trigger("t1", "xp", 10, TriggerStatus.ACTIVE, List.of(new AttributeFilter("a-plan", "plan", "pro")),
            new TriggerRule.Metric(Fixtures.CARDS, "Cards", 1, List.of()), false, T0, T0, T0, 0, 0);
    PointsConfig config = Fixtures.config(XP, List.of(pro), List.of(), List.of());
    PointsState[] free = {PointsState.EMPTY};
    PointsState[] paying = {PointsState.EMPTY};
    run(config, Fixtures.user("u1", null, Map.of("plan", "free"), T0), free, "3");
    run(config, Fixtures.user("u2", null, Map.of("plan", "pro"), T0), paying, "3");
    assertThat(free[0].total("xp")).isZero();
    assertThat(free[0].metricProgress()).isEmpty();
    assertThat(paying[0].total("xp")).isEqualTo(30);
  }

  @Test
  void trig2_trig7_inactive_triggers_ignore_events_and_reactivation_continues_the_accumulator() {
    Trigger active = Fixtures.metric("t1", "xp", 10, 3);
    Trigger inactive =
        new Trigger("t1", "xp", 10, TriggerStatus.INACTIVE, List.of(), active.rule(), false, T0, T0, T0, 0, 0);
    PointsState[] state = {PointsState.EMPTY};
    UserProfile user = Fixtures.user("u1");
    run(Fixtures.config(XP, List.of(active), List.of(), List.of()), user, state, "2");
    run(Fixtures.config(XP, List.of(inactive), List.of(), List.of()), user, state, "5");
    assertThat(run(Fixtures.config(XP, List.of(active), List.of(), List.of()), user, state, "1"))
        .containsExactly(List.of(10L));
  }

  @Test
  void trig7_a_new_threshold_keeps_the_accumulator_and_rebases_the_paid_count() {
    PointsState[] state = {PointsState.EMPTY};
    UserProfile user = Fixtures.user("u1");
    run(Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 10, 3)), List.of(), List.of()), user, state, "5");
    // A = 5, H = 1; threshold becomes 2 (revision 1): H = ⌊5/2⌋ = 2; +1 → A = 6, ⌊6/2⌋ = 3 → k 1
    Trigger rethresholded =
        new Trigger("t1", "xp", 10, TriggerStatus.ACTIVE, List.of(),
            new TriggerRule.Metric(Fixtures.CARDS, "Cards", 2, List.of()), false, T0, T0, T0, 0, 1);
    assertThat(run(Fixtures.config(XP, List.of(rethresholded), List.of(), List.of()), user, state, "1"))
        .containsExactly(List.of(10L));
  }

  @Test
  void trig7_a_new_metric_or_filter_resets_the_accumulator() {
    PointsState[] state = {PointsState.EMPTY};
    UserProfile user = Fixtures.user("u1");
    run(Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 10, 3)), List.of(), List.of()), user, state, "2");
    Trigger reset =
        new Trigger("t1", "xp", 10, TriggerStatus.ACTIVE, List.of(),
            new TriggerRule.Metric(Fixtures.CARDS, "Cards", 3, List.of()), false, T0, T0, T0, 1, 0);
    // the 2 units before the reset no longer count: 2 more make A = 2, nothing paid
    assertThat(run(Fixtures.config(XP, List.of(reset), List.of(), List.of()), user, state, "2"))
        .containsExactly(List.of());
    assertThat(state[0].metricProgress().get("t1").epoch()).isEqualTo(1);
  }

  @Test
  void trig5_events_on_other_metrics_do_not_contribute() {
    PointsConfig config = Fixtures.config(XP, List.of(Fixtures.metric("t1", "xp", 10, 1)), List.of(), List.of());
    Ledger ledger = new Ledger(Fixtures.user("u1"), PointsState.EMPTY, Fixtures.ids());
    var other =
        new dev.laurel.engine.event.StoredEvent(
            "e", "u1", "m-other", java.math.BigDecimal.TEN, Map.of(), null, T0, null);
    MetricTriggers.apply(config, ledger, other, T0);
    assertThat(ledger.awards()).isEmpty();
  }
}
