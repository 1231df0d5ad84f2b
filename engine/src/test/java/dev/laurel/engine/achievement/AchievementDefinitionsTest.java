package dev.laurel.engine.achievement;

import static dev.laurel.engine.achievement.Fixtures.CARDS;
import static dev.laurel.engine.achievement.Fixtures.DECK;
import static dev.laurel.engine.achievement.Fixtures.PLAN;
import static dev.laurel.engine.achievement.Fixtures.composite;
import static dev.laurel.engine.achievement.Fixtures.config;
import static dev.laurel.engine.achievement.Fixtures.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.ScopeConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ACH-1, ACH-2, CFG-2 validation and ACH-16's notion of a requirement edit. */
class AchievementDefinitionsTest {
  private static final Achievement A = metric("a", "1");
  private static final Achievement B = composite("b", A);
  private static final Achievement C = composite("c", B);
  private static final ScopeConfig CONFIG = config(A, B, C);

  private static AchievementDraft draft(AchievementTrigger trigger) {
    return new AchievementDraft(
        "new", "New", null, null, trigger, null, null, null, null, null, null, null);
  }

  private static AchievementDraft metricDraft(String metricId, String value) {
    return new AchievementDraft(
        "new", "New", null, null, AchievementTrigger.METRIC, null, metricId,
        value == null ? null : new BigDecimal(value), null, null, null, null);
  }

  private static AchievementDraft prerequisites(String... ids) {
    return new AchievementDraft(
        null, null, null, null, null, null, null, null, null, null, List.of(ids), null);
  }

  private static AchievementDraft status(AchievementStatus s) {
    return new AchievementDraft(null, null, null, null, null, s, null, null, null, null, null, null);
  }

  private static Achievement create(AchievementDraft d) {
    return AchievementDefinitions.create(CONFIG, d, "a-new", "rev");
  }

  @Test
  void ach1_cfg2_new_achievements_are_inactive_and_keys_are_unique() {
    Achievement api = create(draft(AchievementTrigger.API));
    assertThat(api.status()).isEqualTo(AchievementStatus.INACTIVE);
    assertThat(api.description()).isNull();
    AchievementDraft taken =
        new AchievementDraft("a", "A again", null, null, AchievementTrigger.API, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> create(taken)).hasMessage("Key already in use by another achievement");
  }

  @Test
  void ach1_trigger_specific_settings_are_required_and_checked() {
    String[][] cases = {
      {null, "5", "metricId is required for metric achievements"},
      {"m-nope", "5", "Metric not found by ID"},
      {CARDS.id(), null, "metricValue is required for metric achievements"},
      {CARDS.id(), "0", "metricValue must be a number greater than 0"},
      {CARDS.id(), "-1", "metricValue must be a number greater than 0"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> create(metricDraft(c[0], c[1]))).as(c[2]).hasMessage(c[2]);
    }
    assertThat(create(metricDraft(CARDS.id(), "2.50")).metricValue()).isEqualByComparingTo("2.5");
    assertThatThrownBy(() -> create(draft(AchievementTrigger.STREAK))).hasMessage("streakLength is required for streak achievements");
    AchievementDraft zero =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.STREAK, null, null, null, null, 0, null, null);
    assertThatThrownBy(() -> create(zero)).hasMessage("streakLength must be an integer of at least 1");
    assertThatThrownBy(() -> create(draft(AchievementTrigger.ACHIEVEMENT)))
        .hasMessage("achievementIds must list at least one prerequisite achievement");
  }

  @Test
  void ach1_settings_of_another_trigger_are_refused() {
    AchievementDraft streakWithMetric =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.STREAK, null, CARDS.id(), null, null, 3, null, null);
    assertThatThrownBy(() -> create(streakWithMetric)).hasMessage("metricId applies only to metric achievements");
    AchievementDraft apiWithPrereqs =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.API, null, null, null, null, null, List.of(A.id()), null);
    assertThatThrownBy(() -> create(apiWithPrereqs)).hasMessage("achievementIds applies only to achievement achievements");
  }

  @Test
  void ach1_prerequisites_must_exist_differ_from_itself_and_form_no_cycle() {
    assertThatThrownBy(() -> AchievementDefinitions.update(CONFIG, B, prerequisites("a-zzz"), "rev"))
        .hasMessage("achievementIds: Achievement not found by ID: a-zzz");
    assertThatThrownBy(() -> AchievementDefinitions.update(CONFIG, B, prerequisites(B.id()), "rev"))
        .hasMessage("An achievement cannot be its own prerequisite");
    assertThatThrownBy(() -> AchievementDefinitions.update(CONFIG, B, prerequisites(C.id()), "rev"))
        .hasMessage("achievementIds would create a cycle: b -> c -> b");
    assertThatThrownBy(() -> AchievementDefinitions.update(CONFIG, B, prerequisites(A.id(), A.id()), "rev"))
        .hasMessage("achievementIds lists a twice");
  }

  @Test
  void attr11_filters_must_name_attributes_of_the_right_type() {
    AchievementDraft wrongType =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.API, null, null, null, null, null, null,
            List.of(new AttributeFilter(DECK.id(), null, "french")));
    assertThatThrownBy(() -> create(wrongType)).hasMessage("userAttributes: attribute deck is not a user attribute");
    AchievementDraft unknown =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.API, null, null, null, null, null, null,
            List.of(new AttributeFilter("at-nope", null, "x")));
    assertThatThrownBy(() -> create(unknown)).hasMessage("userAttributes: Attribute not found by ID: at-nope");
    AchievementDraft ok =
        new AchievementDraft("new", "New", null, null, AchievementTrigger.API, null, null, null, null, null, null,
            List.of(new AttributeFilter(PLAN.id(), null, "pro")));
    assertThat(create(ok).userFilters()).containsExactly(new AttributeFilter(PLAN.id(), "plan", "pro"));
  }

  @Test
  void ach2_status_transitions() {
    AchievementStatus[] s = AchievementStatus.values();
    // rows: from inactive, active, locked; columns: to inactive, active, locked
    boolean[][] allowed = {{true, true, false}, {false, true, true}, {false, true, true}};
    for (int from = 0; from < 3; from++) {
      for (int to = 0; to < 3; to++) {
        Achievement current = A.withStatus(s[from]);
        AchievementDraft d = status(s[to]);
        if (allowed[from][to]) {
          assertThat(AchievementDefinitions.update(CONFIG, current, d, "rev").status()).isEqualTo(s[to]);
        } else {
          assertThatThrownBy(() -> AchievementDefinitions.update(CONFIG, current, d, "rev"))
              .hasMessageStartingWith("status cannot change from " + s[from].wire() + " to " + s[to].wire());
        }
      }
    }
  }

  @Test
  void ach16_activation_and_requirement_edits_call_for_backdating_and_cosmetic_edits_do_not() {
    Achievement inactive = A.withStatus(AchievementStatus.INACTIVE);
    Achievement activated = AchievementDefinitions.update(CONFIG, inactive, status(AchievementStatus.ACTIVE), "rev");
    assertThat(AchievementDefinitions.needsBackdating(inactive, activated)).isTrue();
    assertThat(AchievementDefinitions.needsBackdating(null, A)).isTrue();
    AchievementDraft rename =
        new AchievementDraft(null, "Renamed", Optional.of("d"), Optional.empty(), null, null, null, null, null, null, null, null);
    assertThat(AchievementDefinitions.needsBackdating(A, AchievementDefinitions.update(CONFIG, A, rename, "rev"))).isFalse();
    AchievementDraft lower =
        new AchievementDraft(null, null, null, null, null, null, null, new BigDecimal("0.5"), null, null, null, null);
    assertThat(AchievementDefinitions.needsBackdating(A, AchievementDefinitions.update(CONFIG, A, lower, "rev"))).isTrue();
    Achievement locked = A.withStatus(AchievementStatus.LOCKED);
    assertThat(AchievementDefinitions.needsBackdating(A, locked)).isFalse();
    assertThat(AchievementDefinitions.needsBackdating(locked, A)).isFalse();
  }

  @Test
  void ach6_the_filter_revision_changes_only_with_the_metric_or_event_filters() {
    AchievementDraft lower =
        new AchievementDraft(null, null, null, null, null, null, null, new BigDecimal("3"), null, null, null, null);
    assertThat(AchievementDefinitions.update(CONFIG, A, lower, "rev2").filterRevision()).isEqualTo("r1");
    AchievementDraft filtered =
        new AchievementDraft(null, null, null, null, null, null, null, null,
            List.of(new AttributeFilter(DECK.id(), null, "french")), null, null, null);
    assertThat(AchievementDefinitions.update(CONFIG, A, filtered, "rev2").filterRevision()).isEqualTo("rev2");
  }

  @Test
  void cfg2_a_prerequisite_of_another_achievement_cannot_be_deleted() {
    assertThat(AchievementDefinitions.deletionProblem(CONFIG.achievements(), A)).isEqualTo("Achievement is a prerequisite of achievement b");
    assertThat(AchievementDefinitions.deletionProblem(CONFIG.achievements(), C)).isNull();
  }
}
