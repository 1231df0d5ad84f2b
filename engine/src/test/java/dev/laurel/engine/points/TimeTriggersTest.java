package dev.laurel.engine.points;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.user.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeTriggersTest {
  // 2025-03-01 09:15 UTC: the trigger's activation
  private static final Instant ACTIVATED = Instant.parse("2025-03-01T09:15:00Z");
  private static final PointsSystem ENERGY = Fixtures.system("energy", 50L);

  private static Trigger time(TriggerRule.TimeUnit unit, int interval, Instant activatedAt, long points) {
    return new Trigger("t-time", "energy", points, TriggerStatus.ACTIVE, List.of(),
        new TriggerRule.Time(unit, interval), false, ACTIVATED, ACTIVATED, activatedAt, 0, 0);
  }

  private static PointsConfig config(Trigger t) {
    return Fixtures.config(ENERGY, List.of(t), List.of(), List.of());
  }

  private static PointsEngine.Result settle(PointsConfig config, UserProfile user, PointsState state, Instant now) {
    return PointsEngine.settle(config, user, state, now, Fixtures.ids());
  }

  @Test
  void trig10_hour_triggers_fire_every_n_hours_after_the_anchor_each_dated_at_its_schedule() {
    UserProfile user = Fixtures.user("u1", null, Map.of(), ACTIVATED.minusSeconds(3600));
    PointsConfig config = config(time(TriggerRule.TimeUnit.HOURS, 2, ACTIVATED, 5));
    // 2025-03-01 15:14 UTC: firings at 11:15 and 13:15; 15:15 not yet due
    var r = settle(config, user, PointsState.EMPTY, Instant.parse("2025-03-01T15:14:00Z"));
    assertThat(r.awards()).extracting(Award::at)
        .containsExactly(Instant.parse("2025-03-01T11:15:00Z"), Instant.parse("2025-03-01T13:15:00Z"));
    assertThat(r.state().total("energy")).isEqualTo(10);
    assertThat(r.state().timeProgress().get("t-time").nextDue()).isEqualTo(Instant.parse("2025-03-01T15:15:00Z"));
    // settling again at the same instant, or a little later, never repeats a firing (TRIG-11)
    assertThat(settle(config, user, r.state(), Instant.parse("2025-03-01T15:14:00Z")).awards()).isEmpty();
    var later = settle(config, user, r.state(), Instant.parse("2025-03-01T15:15:00Z"));
    assertThat(later.awards()).hasSize(1);
    assertThat(later.awards().get(0).dedupeKey()).isEqualTo("time:t-time:" + ACTIVATED.toEpochMilli() + ":3");
  }

  @Test
  void trig10_the_anchor_is_the_later_of_activation_and_user_creation() {
    // user created 2025-03-01 10:00 UTC, after the activation
    UserProfile user = Fixtures.user("u1", null, Map.of(), Instant.parse("2025-03-01T10:00:00Z"));
    var r = settle(config(time(TriggerRule.TimeUnit.HOURS, 1, ACTIVATED, 1)), user, PointsState.EMPTY,
        Instant.parse("2025-03-01T12:30:00Z"));
    assertThat(r.awards()).extracting(Award::at)
        .containsExactly(Instant.parse("2025-03-01T11:00:00Z"), Instant.parse("2025-03-01T12:00:00Z"));
  }

  @Test
  void trig10_time8_day_triggers_fire_at_local_midnight_and_daylight_saving_days_still_count_once() {
    // New York; activation 2025-03-01 09:15 UTC = 04:15 local; D0 = 2025-03-01. DST starts 2025-03-09.
    UserProfile user = Fixtures.user("u1", "America/New_York", Map.of(), ACTIVATED.minusSeconds(86_400));
    var r = settle(config(time(TriggerRule.TimeUnit.DAYS, 4, ACTIVATED, 1)), user, PointsState.EMPTY,
        Instant.parse("2025-03-13T12:00:00Z"));
    assertThat(r.awards()).extracting(Award::at)
        .containsExactly(
            Instant.parse("2025-03-05T05:00:00Z"), // 2025-03-05 00:00 EST
            Instant.parse("2025-03-09T05:00:00Z"), // 2025-03-09 00:00 EST (DST starts at 02:00)
            Instant.parse("2025-03-13T04:00:00Z")); // 2025-03-13 00:00 EDT
  }

  @Test
  void trig10_firings_missed_while_down_are_applied_in_order_each_bounded() {
    UserProfile user = Fixtures.user("u1", null, Map.of(), ACTIVATED.minusSeconds(3600));
    // 20 points an hour with a maximum of 50: 20, 20, 10, then nothing
    var r = settle(config(time(TriggerRule.TimeUnit.HOURS, 1, ACTIVATED, 20)), user, PointsState.EMPTY,
        ACTIVATED.plusSeconds(5 * 3600));
    assertThat(Fixtures.awarded(r.awards())).containsExactly(20L, 20L, 10L);
    assertThat(r.awards()).extracting(Award::total).containsExactly(20L, 40L, 50L);
    assertThat(r.state().timeProgress().get("t-time").fired()).isEqualTo(5);
  }

  @Test
  void trig10_reactivation_re_anchors_the_schedule() {
    UserProfile user = Fixtures.user("u1", null, Map.of(), ACTIVATED.minusSeconds(3600));
    var first = settle(config(time(TriggerRule.TimeUnit.HOURS, 1, ACTIVATED, 1)), user, PointsState.EMPTY,
        ACTIVATED.plusSeconds(2 * 3600 + 60));
    assertThat(first.awards()).hasSize(2);
    // deactivated, then reactivated 10 hours after the first activation, at 19:15
    Instant reactivated = ACTIVATED.plusSeconds(10 * 3600);
    var second = settle(config(time(TriggerRule.TimeUnit.HOURS, 1, reactivated, 1)), user, first.state(),
        reactivated.plusSeconds(3600 + 60));
    assertThat(second.awards()).extracting(Award::at).containsExactly(reactivated.plusSeconds(3600));
  }

  @Test
  void trig10_inactive_triggers_do_not_fire_and_users_not_matching_filters_are_skipped() {
    UserProfile user = Fixtures.user("u1", null, Map.of("plan", "free"), ACTIVATED.minusSeconds(3600));
    Trigger inactive = new Trigger("t-time", "energy", 1, TriggerStatus.INACTIVE, List.of(),
        new TriggerRule.Time(TriggerRule.TimeUnit.HOURS, 1), false, ACTIVATED, ACTIVATED, ACTIVATED, 0, 0);
    assertThat(settle(config(inactive), user, PointsState.EMPTY, ACTIVATED.plusSeconds(7200)).awards()).isEmpty();
    Trigger proOnly = new Trigger("t-time", "energy", 1, TriggerStatus.ACTIVE,
        List.of(new AttributeFilter("a-plan", "plan", "pro")),
        new TriggerRule.Time(TriggerRule.TimeUnit.HOURS, 1), false, ACTIVATED, ACTIVATED, ACTIVATED, 0, 0);
    var skipped = settle(config(proOnly), user, PointsState.EMPTY, ACTIVATED.plusSeconds(7200));
    assertThat(skipped.awards()).isEmpty();
    assertThat(skipped.state().timeProgress().get("t-time").fired()).isEqualTo(2);
  }

  @Test
  void trig13_a_schedule_already_settled_writes_nothing_new() {
    UserProfile user = Fixtures.user("u1", null, Map.of(), ACTIVATED.minusSeconds(3600));
    PointsConfig config = config(time(TriggerRule.TimeUnit.HOURS, 1, ACTIVATED, 1));
    var first = settle(config, user, PointsState.EMPTY, ACTIVATED.plusSeconds(60));
    assertThat(first.awards()).isEmpty();
    assertThat(first.changed(PointsState.EMPTY)).isTrue(); // the schedule is recorded for the sweep
    assertThat(settle(config, user, first.state(), ACTIVATED.plusSeconds(120)).changed(first.state())).isFalse();
  }
}
