package dev.laurel.engine.points;

import static dev.laurel.engine.points.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.CompletedAchievement;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventContext;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The points steps inside EVENT-4: step 1 settles, step 2 creation awards, step 6 the rest. */
class PointsPipelineTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private static final Metric CARDS = new Metric(Fixtures.CARDS, "flashcards-flipped", "Flashcards flipped", Metric.UnitType.NUMBER, "");
  private final EventPipeline pipeline = new EventPipeline();
  private final Ids ids = Fixtures.ids();

  private static ScopeConfig config(List<SystemConfig> systems) {
    return new ScopeConfig(List.of(CARDS), List.of(), 0, new PointsConfig(systems));
  }

  private EventOutcome event(ScopeConfig config, UserState state, String value, java.time.Instant at) {
    EventCommand command = new EventCommand(CARDS.key(), "u1", UserPatch.EMPTY, new BigDecimal(value), Map.of(), null);
    return pipeline.process(SCOPE, config, pipeline.validate(config, command, null), state, command, at, ids);
  }

  @Test
  void event4_pts5_user_creation_awards_come_first_and_are_part_of_the_response() {
    Trigger welcome = Fixtures.trigger("t-welcome", "xp", 100, new TriggerRule.UserCreation());
    Trigger perCard = Fixtures.metric("t-card", "xp", 10, 1);
    // the metric trigger was created first: kind order still puts user creation first (PTS-5)
    ScopeConfig config =
        config(List.of(new SystemConfig(Fixtures.system("xp", null), List.of(perCard, welcome), List.of(), List.of())));
    EventOutcome outcome = event(config, null, "2", T0);
    assertThat(outcome.userCreated()).isTrue();
    assertThat(outcome.points().awarded()).extracting(Award::triggerId).containsExactly("t-welcome", "t-card");
    assertThat(outcome.points().awarded()).extracting(Award::total).containsExactly(100L, 120L);
    assertThat(outcome.state().points().total("xp")).isEqualTo(120);
    // TRIG-12: once only — the next event of the same user fires only the metric trigger
    EventOutcome second = event(config, outcome.state(), "1", T0.plusSeconds(5));
    assertThat(second.points().awarded()).extracting(Award::triggerId).containsExactly("t-card");
  }

  @Test
  void event4_step1_time_awards_settled_before_the_event_are_stored_but_not_reported() {
    Trigger hourly = Fixtures.trigger("t-hour", "xp", 3, new TriggerRule.Time(TriggerRule.TimeUnit.HOURS, 1));
    Trigger perCard = Fixtures.metric("t-card", "xp", 10, 1);
    ScopeConfig config =
        config(List.of(new SystemConfig(Fixtures.system("xp", null), List.of(hourly, perCard), List.of(), List.of())));
    EventOutcome created = event(config, null, "1", T0);
    // 2 hours and a minute later: two hourly firings are settled first
    EventOutcome later = event(config, created.state(), "1", T0.plusSeconds(7260));
    assertThat(later.points().settled()).extracting(Award::awarded).containsExactly(3L, 3L);
    assertThat(later.points().awarded()).extracting(Award::awarded).containsExactly(10L);
    assertThat(later.points().changes().get(0).added()).isEqualTo(10);
    assertThat(later.points().changes().get(0).total()).isEqualTo(26);
  }

  @Test
  void trig8_streak_triggers_fire_at_each_positive_multiple_of_their_length() {
    Trigger weekly = Fixtures.trigger("t-streak", "xp", 50, new TriggerRule.Streak(7));
    ScopeConfig config =
        config(List.of(new SystemConfig(Fixtures.system("xp", null), List.of(weekly), List.of(), List.of())));
    UserState state = new UserState(Fixtures.user("u1"), Preferences.NONE, Map.of());
    long[] expected = {0, 0, 50, 0, 50};
    int[] lengths = {6, 7, 7, 13, 14};
    boolean[] extended = {true, false, true, true, true};
    for (int i = 0; i < lengths.length; i++) {
      EventContext ctx = context(config, state);
      ctx.streakExtended = extended[i];
      ctx.streakLength = lengths[i];
      PointsSteps.awards(ctx);
      long added = ctx.pointsAwards.stream().mapToLong(Award::awarded).sum();
      assertThat(added).as("length %d extended %s", lengths[i], extended[i]).isEqualTo(expected[i]);
      state = ctx.state;
    }
  }

  @Test
  void trig9_achievement_triggers_fire_once_per_completion_in_completion_order() {
    Trigger first = Fixtures.trigger("t-a1", "xp", 5, new TriggerRule.Achievement("ach-1", "First"));
    Trigger second = Fixtures.trigger("t-a2", "xp", 7, new TriggerRule.Achievement("ach-2", "Second"));
    ScopeConfig config =
        config(List.of(new SystemConfig(Fixtures.system("xp", null), List.of(first, second), List.of(), List.of())));
    EventContext ctx = context(config, new UserState(Fixtures.user("u1"), Preferences.NONE, Map.of()));
    ctx.achievementsCompleted.addAll(List.of(completed("ach-2"), completed("ach-1")));
    PointsSteps.awards(ctx);
    assertThat(ctx.pointsAwards).extracting(Award::triggerId).containsExactly("t-a2", "t-a1");
  }

  @Test
  void event4_step6_systems_are_processed_in_creation_order_each_with_its_own_total() {
    SystemConfig xp = new SystemConfig(Fixtures.system("xp", null), List.of(Fixtures.metric("t1", "xp", 10, 1)), List.of(), List.of());
    SystemConfig gems = new SystemConfig(Fixtures.system("gems", null), List.of(Fixtures.metric("t2", "gems", 1, 2)), List.of(), List.of());
    EventOutcome outcome = event(config(List.of(xp, gems)), null, "4", T0);
    assertThat(outcome.points().changes()).extracting(c -> c.system().key()).containsExactly("xp-key", "gems-key");
    assertThat(outcome.state().points().totals()).containsEntry("xp", 40L).containsEntry("gems", 2L);
  }

  @Test
  void idem4_a_replay_reports_no_points() {
    assertThat(pipeline.replay(config(List.of()), CARDS, new UserState(Fixtures.user("u1"), Preferences.NONE, Map.of()), null, T0)
            .points().awarded())
        .isEmpty();
  }

  private static CompletedAchievement completed(String id) {
    Achievement a = new Achievement(id, id, id, null, null, AchievementTrigger.API, AchievementStatus.ACTIVE, null, null,
        List.of(), null, List.of(), List.of(), "0");
    return new CompletedAchievement(a, new Completion("c-" + id, id, T0));
  }

  private EventContext context(ScopeConfig config, UserState state) {
    EventContext ctx =
        new EventContext(SCOPE, config, CARDS,
            new EventCommand(CARDS.key(), "u1", UserPatch.EMPTY, BigDecimal.ZERO, Map.of(), null), state, T0, ids);
    ctx.event = Fixtures.event("u1", "0", Map.of(), T0);
    return ctx;
  }
}
