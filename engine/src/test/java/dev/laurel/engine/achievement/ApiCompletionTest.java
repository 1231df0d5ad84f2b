package dev.laurel.engine.achievement;

import static dev.laurel.engine.achievement.Fixtures.T0;
import static dev.laurel.engine.achievement.Fixtures.api;
import static dev.laurel.engine.achievement.Fixtures.composite;
import static dev.laurel.engine.achievement.Fixtures.config;
import static dev.laurel.engine.achievement.Fixtures.forPlan;
import static dev.laurel.engine.achievement.Fixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Rejection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ACH-11, ACH-12: completing API achievements. */
class ApiCompletionTest {
  private static final Achievement ONBOARDING = api("onboarding", AchievementStatus.ACTIVE);
  private static final Achievement DRAFT = api("draft", AchievementStatus.INACTIVE);
  private static final Achievement RETIRED = api("retired", AchievementStatus.LOCKED);
  private static final Achievement PRO_ONLY = forPlan(api("pro-only", AchievementStatus.ACTIVE), "pro");
  private static final Achievement TEN = metric("ten", "10");
  private static final Achievement GRADUATE = composite("graduate", ONBOARDING);
  private static final AchievementCatalog CATALOG =
      config(ONBOARDING, DRAFT, RETIRED, PRO_ONLY, TEN, GRADUATE).achievements();

  @Test
  void ach11_unknown_and_inactive_keys_are_not_found() {
    assertThatThrownBy(() -> ApiCompletion.visible(CATALOG, "nope"))
        .isInstanceOf(Rejection.class)
        .hasMessage("Achievement not found")
        .extracting(e -> ((Rejection) e).kind())
        .isEqualTo(Rejection.Kind.NOT_FOUND);
    assertThatThrownBy(() -> ApiCompletion.visible(CATALOG, "draft")).hasMessage("Achievement not found");
    assertThat(ApiCompletion.visible(CATALOG, "retired")).isEqualTo(RETIRED);
  }

  @Test
  void ach11_refusals_in_order_trigger_then_locked_then_requirements() {
    assertThatThrownBy(() -> complete(TEN, Map.of(), AchievementProgress.NONE))
        .hasMessage("Achievement ten is not an API achievement");
    assertThatThrownBy(() -> complete(RETIRED, Map.of(), AchievementProgress.NONE))
        .hasMessage("Achievement retired is locked");
    assertThatThrownBy(() -> complete(PRO_ONLY, Map.of("plan", "free"), AchievementProgress.NONE))
        .hasMessage("User does not meet the requirements of achievement pro-only");
    assertThat(complete(PRO_ONLY, Map.of("plan", "pro"), AchievementProgress.NONE).repeat()).isFalse();
  }

  @Test
  void ach11_ach8_a_completion_cascades_composites_listed_after_the_achievement() {
    ApiCompletion.Result r = complete(ONBOARDING, Map.of(), AchievementProgress.NONE);
    assertThat(r.completion().achievedAt()).isEqualTo(T0);
    assertThat(r.completed()).extracting(c -> c.achievement().key()).containsExactly("onboarding", "graduate");
    assertThat(r.progress().hasCompleted(GRADUATE.id())).isTrue();
  }

  @Test
  void ach12_a_repeat_returns_the_original_completion_and_changes_nothing() {
    ApiCompletion.Result first = complete(ONBOARDING, Map.of(), AchievementProgress.NONE);
    ApiCompletion.Result again = complete(ONBOARDING, Map.of(), first.progress());
    assertThat(again.repeat()).isTrue();
    assertThat(again.completion()).isEqualTo(first.completion());
    assertThat(again.completed()).isEmpty();
    assertThat(again.progress()).isEqualTo(first.progress());
    // A locked achievement the user already has is a repeat too (ACH-11 step 5 before step 6).
    AchievementProgress had = AchievementProgress.NONE.withCompletion(new Completion("c0", RETIRED.id(), T0));
    assertThat(complete(RETIRED, Map.of(), had).repeat()).isTrue();
  }

  private static ApiCompletion.Result complete(Achievement a, Map<String, String> attrs, AchievementProgress p) {
    return ApiCompletion.complete(CATALOG, a, attrs, p, T0, Fixtures.ids());
  }
}
