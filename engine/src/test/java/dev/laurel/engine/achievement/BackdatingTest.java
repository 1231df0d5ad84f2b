package dev.laurel.engine.achievement;

import static dev.laurel.engine.achievement.Fixtures.CARDS;
import static dev.laurel.engine.achievement.Fixtures.T0;
import static dev.laurel.engine.achievement.Fixtures.api;
import static dev.laurel.engine.achievement.Fixtures.composite;
import static dev.laurel.engine.achievement.Fixtures.config;
import static dev.laurel.engine.achievement.Fixtures.forPlan;
import static dev.laurel.engine.achievement.Fixtures.metric;
import static dev.laurel.engine.achievement.Fixtures.onDeck;
import static dev.laurel.engine.achievement.Fixtures.streak;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ACH-16: backdating completes what the user currently satisfies, silently and only for targets. */
class BackdatingTest {
  private static final Achievement TEN = metric("ten", "10");
  private static final Achievement FIFTY = metric("fifty", "50");
  private static final Achievement WEEK = streak("week", 7);
  private static final Achievement ONBOARDING = api("onboarding", AchievementStatus.ACTIVE);
  private static final Achievement PAIR = composite("pair", TEN, WEEK);
  private static final Achievement OTHER = composite("other", ONBOARDING);
  private static final Achievement FRENCH = onDeck("french", "5", "french");
  private static final Achievement PRO = forPlan(metric("pro", "1"), "pro");
  private static final AchievementCatalog CATALOG =
      config(TEN, FIFTY, WEEK, ONBOARDING, PAIR, OTHER, FRENCH, PRO).achievements();

  private static List<String> run(UserState state, List<Achievement> targets, int streakLength) {
    return Backdating.run(CATALOG, state, targets.stream().map(Achievement::id).toList(), streakLength, T0, Fixtures.ids())
        .completed()
        .stream()
        .map(c -> c.achievement().key())
        .toList();
  }

  // Has completed "onboarding" but not "other" (say "other" was inactive then).
  private static final AchievementProgress ONBOARDED =
      AchievementProgress.NONE.withCompletion(new Completion("c0", ONBOARDING.id(), T0));

  @Test
  void ach16_metric_and_streak_targets_complete_when_currently_satisfied() {
    UserState user = Fixtures.user(Map.of(), Map.of(CARDS.id(), new BigDecimal("20")), ONBOARDED);
    assertThat(run(user, List.of(TEN, FIFTY), 0)).containsExactly("ten");
    assertThat(run(user, List.of(WEEK), 6)).isEmpty();
    assertThat(run(user, List.of(WEEK), 7)).containsExactly("week");
  }

  @Test
  void ach16_cascade_reaches_only_composites_unlocked_by_the_run() {
    UserState user = Fixtures.user(Map.of(), Map.of(CARDS.id(), new BigDecimal("20")), ONBOARDED);
    // "other" is satisfied too (its prerequisite is done) but nothing in this run unlocked it.
    assertThat(run(user, List.of(TEN, WEEK), 9)).containsExactly("ten", "week", "pair");
    assertThat(run(user, List.of(OTHER), 0)).containsExactly("other");
  }

  @Test
  void ach16_api_targets_are_never_backdated_and_filters_still_apply() {
    UserState user = Fixtures.user(Map.of("plan", "free"), Map.of(CARDS.id(), new BigDecimal("20")), AchievementProgress.NONE);
    assertThat(run(user, List.of(ONBOARDING, PRO), 0)).isEmpty();
    UserState pro = Fixtures.user(Map.of("plan", "pro"), Map.of(CARDS.id(), new BigDecimal("20")), AchievementProgress.NONE);
    assertThat(run(pro, List.of(PRO), 0)).containsExactly("pro");
  }

  @Test
  void ach16_filtered_metric_targets_use_the_loaded_filtered_total() {
    AchievementProgress loaded = AchievementProgress.NONE.withFilteredTotal(FRENCH.filteredTotalKey(), new BigDecimal("4"));
    UserState user = Fixtures.user(Map.of(), Map.of(CARDS.id(), new BigDecimal("100")), loaded);
    assertThat(run(user, List.of(FRENCH), 0)).isEmpty();
    UserState more = user.withAchievements(loaded.withFilteredTotal(FRENCH.filteredTotalKey(), new BigDecimal("5")));
    assertThat(run(more, List.of(FRENCH), 0)).containsExactly("french");
  }
}
