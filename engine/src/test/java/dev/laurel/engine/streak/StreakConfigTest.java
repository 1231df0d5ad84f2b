package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.Configs.STEPS;
import static dev.laurel.engine.streak.Configs.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreakConfigTest {

  @Test
  @DisplayName("STREAK-1, FREEZE-1: a complete configuration has no problems")
  void valid() {
    assertThat(Configs.withAutoEarn(Configs.daily(), 5, 2, 7, 1).problems()).isEmpty();
    assertThat(StreakConfig.DISABLED.problems()).isEmpty();
  }

  @Test
  @DisplayName("STREAK-1: metrics need 1+ entries while enabled, each with a threshold > 0")
  void metricProblems() {
    StreakConfig none =
        new StreakConfig(true, Frequency.DAILY, EvaluationMode.AND, List.of(), false, null);
    assertThat(none.problems()).containsExactly("metrics must contain at least one entry");

    StreakConfig bad =
        Configs.streaks(
            Frequency.WEEKLY,
            EvaluationMode.OR,
            metric(STEPS, "0"),
            metric(STEPS, "-1"),
            new MetricThreshold(" ", null));
    assertThat(bad.problems())
        .containsExactly(
            "metrics[0].threshold must be a number > 0",
            "metrics[1].metricId metric-steps appears more than once",
            "metrics[1].threshold must be a number > 0",
            "metrics[2].metricId is required",
            "metrics[2].threshold must be a number > 0");
  }

  @Test
  @DisplayName("STREAK-1: frequency and evaluationMode are required")
  void enums() {
    StreakConfig config =
        new StreakConfig(true, null, null, List.of(metric(STEPS, "1")), false, null);
    assertThat(config.problems())
        .containsExactly(
            "frequency must be one of daily, weekly, monthly",
            "evaluationMode must be one of AND, OR");
  }

  @Test
  @DisplayName(
      "FREEZE-1: maxFreezes 1–100, initialFreezes 0–maxFreezes, auto-earn interval and amount ≥ 1")
  void freezeProblems() {
    FreezeConfig bad = new FreezeConfig(true, 101, 102, new AutoEarn(0, 0, null));
    assertThat(Configs.with(Configs.daily(), bad).problems())
        .containsExactly(
            "freezes.maxFreezes must be an integer between 1 and 100",
            "freezes.initialFreezes must be an integer between 0 and freezes.maxFreezes",
            "freezes.autoEarn.intervalDays must be an integer >= 1",
            "freezes.autoEarn.amount must be an integer >= 1");
    assertThat(Configs.with(Configs.daily(), new FreezeConfig(true, 0, -1, null)).problems())
        .containsExactly(
            "freezes.maxFreezes must be an integer between 1 and 100",
            "freezes.initialFreezes must be an integer between 0 and freezes.maxFreezes");
    assertThat(Configs.with(Configs.daily(), new FreezeConfig(false, 0, 0, null)).problems())
        .isEmpty();
  }

  @Test
  @DisplayName("STREAK-1: the engine refuses a configuration with problems")
  void engineRefusesInvalid() {
    StreakConfig none =
        new StreakConfig(true, Frequency.DAILY, EvaluationMode.AND, List.of(), false, null);
    assertThatThrownBy(() -> new StreakEngine(none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metrics must contain at least one entry");
  }
}
