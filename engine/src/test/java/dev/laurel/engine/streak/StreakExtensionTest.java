package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.Configs.MINUTES;
import static dev.laurel.engine.streak.Configs.PAGES;
import static dev.laurel.engine.streak.Configs.STEPS;
import static dev.laurel.engine.streak.Configs.metric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakEffect.Extended;
import dev.laurel.engine.streak.StreakEffect.Started;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreakExtensionTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  @DisplayName(
      "STREAK-6, STREAK-11, STREAK-16, STREAK-23: the first satisfying event starts the streak"
          + " (streak.started, extended: true), once per period")
  void startsOnce() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");

    StreakOutcome below = user.steps("2025-04-01T09:00:00Z", "6"); // 09:00 UTC, sum 6 < 10
    assertThat(below.extended()).isFalse();
    assertThat(user.length()).isZero();

    StreakOutcome crossing = user.steps("2025-04-01T10:00:00Z", "4"); // sum 10 ≥ 10
    assertThat(crossing.extended()).isTrue();
    assertThat(crossing.effects())
        .containsExactly(new Started(date("2025-04-01"), at("2025-04-01T10:00:00Z")));

    StreakOutcome again = user.steps("2025-04-01T11:00:00Z", "50");
    assertThat(again.extended()).isFalse();
    assertThat(again.effects()).isEmpty();

    StreakView view = user.view("2025-04-01T12:00:00Z");
    assertThat(view.length()).isEqualTo(1);
    assertThat(view.started()).isEqualTo("2025-04-01");
    assertThat(view.extended()).isEqualTo("2025-04-01T10:00:00Z");
    assertThat(view.status()).isEqualTo(StreakStatus.EXTENDED);
  }

  @Test
  @DisplayName(
      "STREAK-6: the next period's first satisfying event extends (streak.extended, length ≥ 2)")
  void extendsNextPeriod() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T10:00:00Z", "10");
    StreakOutcome next = user.steps("2025-04-02T07:30:00Z", "12");

    assertThat(next.effects()).containsExactly(new Extended(2, at("2025-04-02T07:30:00Z")));
    assertThat(user.state.started()).isEqualTo("2025-04-01");
    assertThat(user.state.extendedAt()).isEqualTo("2025-04-02T07:30:00Z");
  }

  @ParameterizedTest(name = "{0}: steps {1}, minutes {2}, pages {3} → extended {4}")
  @DisplayName("STREAK-4: AND needs every metric, OR any one; exact decimal sums")
  @CsvSource({
    "AND, 10,      30,     5,    true",
    "AND, 10,      29.999, 5,    false",
    "AND, 9.5,     30,     5,    false",
    "AND, 100,     100,    4.99, false",
    "OR,  0,       30,     0,    true",
    "OR,  10,      0,      0,    true",
    "OR,  0,       0,      5,    true",
    "OR,  9.999,   29.99,  4.9,  false",
    "OR,  -10,     -1,     0,    false",
  })
  void andVersusOr(
      EvaluationMode mode, String steps, String minutes, String pages, boolean extended) {
    StreakConfig config =
        Configs.streaks(
            Frequency.DAILY, mode, metric(STEPS, "10"), metric(MINUTES, "30"), metric(PAGES, "5"));
    StreakDriver user = StreakDriver.user(config, "UTC", "2025-04-01T08:00:00Z");
    user.event("2025-04-01T09:00:00Z", STEPS, steps);
    user.event("2025-04-01T09:01:00Z", MINUTES, minutes);
    user.event("2025-04-01T09:02:00Z", PAGES, pages);

    assertThat(user.length()).isEqualTo(extended ? 1 : 0);
  }

  @Test
  @DisplayName("STREAK-3: fractional values add up exactly (0.1 × 3 meets 0.3)")
  void fractionalSums() {
    StreakConfig config =
        Configs.streaks(Frequency.DAILY, EvaluationMode.AND, metric(STEPS, "0.3"));
    StreakDriver user = StreakDriver.user(config, "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "0.1");
    user.steps("2025-04-01T09:01:00Z", "0.1");
    assertThat(user.length()).isZero();
    assertThat(user.steps("2025-04-01T09:02:00Z", "0.1").extended()).isTrue();
  }

  @Test
  @DisplayName("STREAK-7: negative events never un-extend; they do lower sums before extension")
  void negativeValues() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "-5");
    assertThat(user.steps("2025-04-01T09:01:00Z", "14").extended()).isFalse(); // sum 9
    assertThat(user.steps("2025-04-01T09:02:00Z", "1").extended()).isTrue(); // sum 10
    assertThat(user.steps("2025-04-01T09:03:00Z", "-100").extended()).isFalse(); // sum -90

    StreakView view = user.view("2025-04-01T23:59:59Z");
    assertThat(view.length()).isEqualTo(1);
    assertThat(view.status()).isEqualTo(StreakStatus.EXTENDED);
    // the extended day survives its boundary although its sum ended at -90
    user.steps("2025-04-02T12:00:00Z", "10");
    assertThat(user.length()).isEqualTo(2);
  }

  @Test
  @DisplayName("EVENT-3: a zero value is activity but satisfies no positive threshold")
  void zeroValue() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    assertThat(user.steps("2025-04-01T09:00:00Z", "0").extended()).isFalse();
    assertThat(user.length()).isZero();
  }

  @Test
  @DisplayName("STREAK-3, STREAK-5: events on other metrics change nothing")
  void otherMetricsIgnored() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    StreakState before = user.state;
    StreakOutcome outcome = user.event("2025-04-01T09:00:00Z", "metric-unrelated", "1000");
    assertThat(outcome.extended()).isFalse();
    assertThat(user.state.activity()).isEqualTo(before.activity());
  }

  @Test
  @DisplayName("STREAK-3: weekly sums add the week's days; `started` is the event's date")
  void weeklySums() {
    StreakDriver user =
        StreakDriver.user(Configs.weekly(), "UTC", "2025-03-30T08:00:00Z"); // Sunday
    user.steps("2025-03-31T09:00:00Z", "3"); // Monday
    user.steps("2025-04-02T09:00:00Z", "3"); // Wednesday
    StreakOutcome friday = user.steps("2025-04-04T09:00:00Z", "4"); // Friday: 10
    assertThat(friday.effects())
        .containsExactly(new Started(date("2025-04-04"), at("2025-04-04T09:00:00Z")));

    StreakView view = user.view("2025-04-05T12:00:00Z");
    assertThat(view.periodStart()).isEqualTo("2025-03-30");
    assertThat(view.periodEnd()).isEqualTo("2025-04-05");
    assertThat(view.expires()).isEqualTo("2025-04-12"); // STREAK-12 weekly example
  }

  @Test
  @DisplayName(
      "STREAK-3: a week's sum does not carry into the next week (Saturday 23:59 vs Sunday 00:00)")
  void weekBoundarySums() {
    // America/Los_Angeles, PDT (UTC−7)
    StreakDriver user =
        StreakDriver.user(Configs.weekly(), "America/Los_Angeles", "2025-03-31T16:00:00Z");
    user.steps("2025-04-06T06:59:00Z", "9"); // Saturday 2025-04-05 23:59 local
    StreakOutcome sunday = user.steps("2025-04-06T07:00:00Z", "9"); // Sunday 2025-04-06 00:00 local
    assertThat(sunday.extended()).isFalse();
    assertThat(user.steps("2025-04-06T07:01:00Z", "1").effects())
        .containsExactly(new Started(date("2025-04-06"), at("2025-04-06T07:01:00Z")));
  }

  @Test
  @DisplayName("STREAK-3: month sums reset on the 1st (Jan 31 → Feb 1), Feb 29 belongs to February")
  void monthBoundarySums() {
    StreakDriver user = StreakDriver.user(Configs.monthly(), "UTC", "2024-01-15T08:00:00Z");
    user.steps("2024-01-31T23:59:59Z", "9"); // Jan 31 23:59:59
    assertThat(user.steps("2024-02-01T00:00:00Z", "9").extended()).isFalse(); // Feb 1 00:00
    assertThat(user.steps("2024-02-29T23:00:00Z", "1").extended()).isTrue(); // Feb 29 (leap year)
    StreakView view = user.view("2024-02-29T23:30:00Z");
    assertThat(view.periodStart()).isEqualTo("2024-02-01");
    assertThat(view.periodEnd()).isEqualTo("2024-02-29");
    assertThat(view.expires()).isEqualTo("2024-03-31");
    assertThat(user.steps("2024-03-01T00:00:00Z", "10").effects())
        .containsExactly(new Extended(2, at("2024-03-01T00:00:00Z")));
  }

  @Test
  @DisplayName("STREAK-12, STREAK-13: expires, periodStart and periodEnd (daily example)")
  void expiresDaily() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.steps("2025-04-02T09:00:00Z", "10");
    StreakView extended = user.view("2025-04-02T10:00:00Z");
    assertThat(extended.expires()).isEqualTo("2025-04-03");
    assertThat(extended.periodStart()).isEqualTo("2025-04-02");
    assertThat(extended.periodEnd()).isEqualTo("2025-04-02");

    StreakView atRisk = user.view("2025-04-03T10:00:00Z");
    assertThat(atRisk.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(atRisk.expires()).isEqualTo("2025-04-03");
    assertThat(atRisk.extended()).isEqualTo("2025-04-02T09:00:00Z");
  }

  @Test
  @DisplayName("STREAK-12, STREAK-24: monthly expires is the end of the next month when extended")
  void expiresMonthly() {
    StreakDriver user = StreakDriver.user(Configs.monthly(), "UTC", "2025-01-10T08:00:00Z");
    user.steps("2025-01-31T09:00:00Z", "10");
    assertThat(user.view("2025-01-31T10:00:00Z").expires()).isEqualTo("2025-02-28");
    StreakView february = user.view("2025-02-10T10:00:00Z");
    assertThat(february.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(february.expires()).isEqualTo("2025-02-28");
  }

  @Test
  @DisplayName("STREAK-24: none → extended → at risk → none")
  void statuses() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    StreakView none = user.view("2025-04-01T09:00:00Z");
    assertThat(none.status()).isEqualTo(StreakStatus.NONE);
    assertThat(none.started()).isNull();
    assertThat(none.expires()).isNull();
    assertThat(none.extended()).isNull();
    assertThat(none.periodStart()).isEqualTo("2025-04-01");

    user.steps("2025-04-01T10:00:00Z", "10");
    assertThat(user.view("2025-04-01T11:00:00Z").status()).isEqualTo(StreakStatus.EXTENDED);
    assertThat(user.view("2025-04-02T11:00:00Z").status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(user.view("2025-04-03T00:00:00Z").status()).isEqualTo(StreakStatus.NONE);
  }
}
