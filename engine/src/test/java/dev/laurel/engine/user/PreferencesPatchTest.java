package dev.laurel.engine.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Rejection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferencesPatchTest {
  @Test
  void pref4_a_type_replaces_its_channels_in_canonical_order_and_others_stay() {
    Preferences start = new Preferences(Map.of("recap", List.of("email")), null, null, null);
    PreferencesPatch patch =
        new PreferencesPatch(Map.of("achievement_completed", List.of("push", "email", "push")), null, null, null);
    Preferences after = patch.applyTo(start, false);
    assertThat(after.notifications())
        .containsEntry("recap", List.of("email"))
        .containsEntry("achievement_completed", List.of("email", "push"));
  }

  @Test
  void pref4_an_empty_list_disables_a_type() {
    Preferences after =
        new PreferencesPatch(Map.of("recap", List.of()), null, null, null).applyTo(Preferences.NONE, false);
    assertThat(after.notifications()).containsEntry("recap", List.of());
  }

  @Test
  void pref4_streak_enabled_may_always_be_set() {
    Preferences after = new PreferencesPatch(null, false, null, null).applyTo(Preferences.NONE, false);
    assertThat(after.streakEnabled()).isFalse();
    assertThat(after.hasStreakPreferences()).isTrue();
  }

  @Test
  void pref4_streak_overrides_need_personalisation() {
    PreferencesPatch mode = new PreferencesPatch(null, null, "OR", null);
    assertThatThrownBy(() -> mode.applyTo(Preferences.NONE, false))
        .isInstanceOf(Rejection.class)
        .hasMessage("Streak customization is not enabled")
        .extracting(e -> ((Rejection) e).kind())
        .isEqualTo(Rejection.Kind.FORBIDDEN);
    assertThat(mode.applyTo(Preferences.NONE, true).streakEvaluationMode()).isEqualTo("OR");
  }

  @Test
  void pref4_an_empty_metric_list_removes_the_override() {
    var metrics = List.of(new Preferences.StreakMetricPreference("lessons", BigDecimal.ONE));
    Preferences with = new PreferencesPatch(null, null, null, metrics).applyTo(Preferences.NONE, true);
    assertThat(with.streakMetrics()).isEqualTo(metrics);
    Preferences without = new PreferencesPatch(null, null, null, List.of()).applyTo(with, true);
    assertThat(without.streakMetrics()).isNull();
    assertThat(without.hasStreakPreferences()).isFalse();
  }
}
