package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.Configs.MINUTES;
import static dev.laurel.engine.streak.Configs.PAGES;
import static dev.laurel.engine.streak.Configs.STEPS;
import static dev.laurel.engine.streak.Configs.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STREAK-19, STREAK-20, STREAK-22, EVENT-6. */
class StreakPreferencesTest {

  private static final StreakPrefs OFF = new StreakPrefs(false, null, null);

  @Test
  @DisplayName(
      "STREAK-19: with personalisation on, the user's metrics and thresholds replace the configured"
          + " ones")
  void personalMetrics() {
    StreakDriver user =
        StreakDriver.user(Configs.personalised(Configs.daily()), "UTC", "2025-04-01T08:00:00Z");
    user.setPrefs("2025-04-01T08:30:00Z", new StreakPrefs(null, null, List.of(metric(PAGES, "5"))));
    assertThat(user.steps("2025-04-01T09:00:00Z", "100").extended()).isFalse();
    assertThat(user.event("2025-04-01T09:01:00Z", PAGES, "5").extended()).isTrue();
  }

  @Test
  @DisplayName("STREAK-19: the user's evaluation mode replaces the configured one")
  void personalMode() {
    StreakConfig and =
        Configs.personalised(
            Configs.streaks(
                Frequency.DAILY, EvaluationMode.AND, metric(STEPS, "10"), metric(MINUTES, "30")));
    StreakDriver user = StreakDriver.user(and, "UTC", "2025-04-01T08:00:00Z");
    assertThat(user.steps("2025-04-01T09:00:00Z", "10").extended()).isFalse();
    user.setPrefs("2025-04-01T10:00:00Z", new StreakPrefs(true, EvaluationMode.OR, null));
    assertThat(user.steps("2025-04-01T10:01:00Z", "0").extended())
        .isTrue(); // today's 10 steps now suffice
  }

  @Test
  @DisplayName("STREAK-19: with personalisation off, stored overrides are ignored (and kept)")
  void personalisationOff() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.prefs = new StreakPrefs(null, EvaluationMode.OR, List.of(metric(PAGES, "1")));
    assertThat(user.event("2025-04-01T09:00:00Z", PAGES, "100").extended()).isFalse();
    assertThat(user.steps("2025-04-01T09:01:00Z", "10").extended()).isTrue();
    // the override's metric was recorded, so switching personalisation on uses it from now on
    user.reconfigure("2025-04-01T10:00:00Z", Configs.personalised(Configs.daily()));
    assertThat(user.state.activity().getFirst().sums()).containsKeys(PAGES, STEPS);
    assertThat(user.event("2025-04-02T09:00:00Z", PAGES, "1").extended()).isTrue();
  }

  @Test
  @DisplayName(
      "STREAK-20, EVENT-6: a user who switches streaks off reads 0 with null period fields; nothing"
          + " happens")
  void disabledUser() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 2, 1, 1), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    user.effects();
    user.setPrefs("2025-04-02T10:00:00Z", OFF);

    StreakView view = user.view("2025-04-02T11:00:00Z");
    assertThat(view.length()).isZero();
    assertThat(view.frequency()).isEqualTo(Frequency.DAILY);
    assertThat(view.started()).isNull();
    assertThat(view.periodStart()).isNull();
    assertThat(view.periodEnd()).isNull();
    assertThat(view.expires()).isNull();
    assertThat(view.extended()).isNull();
    assertThat(view.freezes()).isNull();
    assertThat(view.status()).isEqualTo(StreakStatus.NONE);

    assertThat(user.steps("2025-04-03T09:00:00Z", "10").extended()).isFalse();
    user.settle("2025-04-10T00:00:00Z");
    assertThat(user.effects()).isEmpty(); // no streak.lost, no accrual, no consumption
    assertThat(user.state.freezes()).isEqualTo(3); // 2 initial + 1 accrued at 04-02 00:00
  }

  @Test
  @DisplayName(
      "STREAK-20, WH-13: an admin grant to a user with streaks off changes the balance silently")
  void grantWhileOff() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 5, 0), "UTC", "2025-04-01T08:00:00Z");
    user.setPrefs("2025-04-01T09:00:00Z", OFF);
    assertThat(user.grant("2025-04-01T10:00:00Z", 2).granted()).isEqualTo(2);
    assertThat(user.effects()).isEmpty();
    assertThat(user.state.freezes()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "STREAK-20: re-enabling starts from 0; the disabled time shows length 0 in the history")
  void reEnabled() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    user.setPrefs("2025-04-02T10:00:00Z", OFF);
    user.setPrefs("2025-04-05T10:00:00Z", new StreakPrefs(true, null, null));
    assertThat(user.steps("2025-04-05T11:00:00Z", "10").effects())
        .containsExactly(
            new StreakEffect.Started(
                LocalDate.parse("2025-04-05"), Instant.parse("2025-04-05T11:00:00Z")));
    assertThat(user.view("2025-04-05T12:00:00Z", 5).streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(1, 0, 0, 0, 1);
  }

  @Test
  @DisplayName(
      "STREAK-20: switching off and on within one period lets the user start again in that period")
  void offAndOnSamePeriod() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.setPrefs("2025-04-01T10:00:00Z", OFF);
    user.setPrefs("2025-04-01T11:00:00Z", StreakPrefs.NONE);
    assertThat(user.steps("2025-04-01T12:00:00Z", "10").extended()).isTrue();
    assertThat(user.length()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "EVENT-6, STREAK-1: without an enabled configuration the streak is 0 with the configured"
          + " frequency")
  void disabledConfiguration() {
    StreakEngine none = new StreakEngine(StreakConfig.DISABLED);
    StreakState state =
        none.created(ZoneId.of("UTC"), Instant.parse("2025-04-01T08:00:00Z")).state();
    StreakOutcome event =
        none.onEvent(
            StreakPrefs.NONE,
            state,
            STEPS,
            BigDecimal.TEN,
            ZoneId.of("UTC"),
            Instant.parse("2025-04-01T09:00:00Z"));
    assertThat(event.extended()).isFalse();
    StreakView view =
        none.view(
            StreakPrefs.NONE,
            event.state(),
            ZoneId.of("UTC"),
            Instant.parse("2025-04-01T09:00:00Z"),
            7);
    assertThat(view.frequency()).isEqualTo(Frequency.DAILY);
    assertThat(view.periodStart()).isNull();

    StreakDriver user = StreakDriver.user(Configs.weekly(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.reconfigure("2025-04-01T10:00:00Z", Configs.disabled(Configs.weekly()));
    StreakView off = user.view("2025-04-01T11:00:00Z");
    assertThat(off.length()).isZero();
    assertThat(off.frequency()).isEqualTo(Frequency.WEEKLY);
    assertThat(user.effects())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Started");
  }

  @Test
  @DisplayName(
      "STREAK-22: condition changes apply from the current period on; past periods are not"
          + " re-evaluated")
  void conditionChange() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    StreakConfig stricter =
        Configs.streaks(Frequency.DAILY, EvaluationMode.AND, metric(STEPS, "20"));
    user.reconfigure("2025-04-02T10:00:00Z", stricter);
    // 04-02 stays extended (STREAK-7); history unchanged
    assertThat(user.view("2025-04-02T11:00:00Z", 2).streakHistory())
        .extracting(StreakView.HistoryEntry::length)
        .containsExactly(1, 2);
    assertThat(user.steps("2025-04-03T09:00:00Z", "10").extended()).isFalse();
    assertThat(user.steps("2025-04-03T09:01:00Z", "10").extended()).isTrue();

    // lowered mid-period: the next event is judged on the whole period's sum
    user.steps("2025-04-04T09:00:00Z", "8");
    user.reconfigure(
        "2025-04-04T10:00:00Z",
        Configs.streaks(Frequency.DAILY, EvaluationMode.AND, metric(STEPS, "5")));
    assertThat(user.length()).isEqualTo(3); // no extension without activity (STREAK-24)
    assertThat(user.steps("2025-04-04T11:00:00Z", "0").extended()).isTrue();
  }
}
