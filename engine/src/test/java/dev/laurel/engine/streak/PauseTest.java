package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.laurel.engine.streak.StreakEffect.Lost;
import dev.laurel.engine.streak.StreakResult.Refused;
import dev.laurel.engine.streak.StreakResult.Severity;
import dev.laurel.engine.streak.StreakView.PauseEntry;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PauseTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @ParameterizedTest(name = "{0}: {1}..{2} at {3} → {4}")
  @DisplayName("PAUSE-1: start cannot be before the user's local today; end cannot precede start")
  @CsvSource({
    // Pacific/Kiritimati: 2025-04-01T12:00Z is 2025-04-02 02:00 local
    "Pacific/Kiritimati, 2025-04-01, 2025-04-05, 2025-04-01T12:00:00Z, start cannot be in the past",
    "Pacific/Kiritimati, 2025-04-02, 2025-04-02, 2025-04-01T12:00:00Z, ",
    // Etc/GMT+12: 2025-04-01T12:00Z is 2025-04-01 00:00 local
    "Etc/GMT+12,         2025-04-01, 2025-04-05, 2025-04-01T12:00:00Z, ",
    "Etc/GMT+12,         2025-03-31, 2025-04-05, 2025-04-01T12:00:00Z, start cannot be in the past",
    "UTC,                2025-04-03, 2025-04-02, 2025-04-01T12:00:00Z, end precedes start",
    "UTC,                2025-03-01, 2025-02-01, 2025-04-01T12:00:00Z, start cannot be in the past",
  })
  void validation(String zone, LocalDate start, LocalDate end, Instant now, String message) {
    StreakDriver user = StreakDriver.user(Configs.daily(), zone, "2025-03-01T00:00:00Z");
    StreakResult result =
        user.addPause(now.toString(), "pause-1", start.toString(), end.toString());
    if (message == null) {
      assertThat(result).isInstanceOf(StreakResult.Applied.class);
      assertThat(user.state.pauses()).containsExactly(new StreakPause("pause-1", start, end, null));
    } else {
      assertThat(result).isEqualTo(new Refused(Severity.ERROR, message));
      assertThat(user.state.pauses()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "PAUSE-3, STREAK-10: missed days inside a pause are covered, length unchanged, usedPause")
  void dailyPause() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 5, 2), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-1", "2025-04-02", "2025-04-04");
    user.effects();
    user.settle("2025-04-05T12:00:00Z");
    assertThat(user.effects()).isEmpty(); // no freeze consumed (STREAK-8 order)
    assertThat(user.state.freezes()).isEqualTo(2);
    StreakView view = user.view("2025-04-05T12:00:00Z", 5);
    assertThat(view.length()).isEqualTo(1);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::usedPause)
        .containsExactly(false, true, true, true, false);
    assertThat(view.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(view.expires()).isEqualTo("2025-04-05");
  }

  @ParameterizedTest(name = "{0}: pause {1}..{2} → covered {3}")
  @DisplayName(
      "PAUSE-3: a weekly or monthly period is covered when it shares at least one date with a"
          + " pause")
  @CsvSource({
    // weekly: extended in the week 03-30..04-05, the week 04-06..04-12 is missed
    "WEEKLY,  2025-04-12, 2025-04-12, true", // its Saturday only
    "WEEKLY,  2025-04-06, 2025-04-06, true", // its Sunday only
    "WEEKLY,  2025-04-13, 2025-04-20, false", // starts the next Sunday
    // monthly: extended in March, April is missed
    "MONTHLY, 2025-04-30, 2025-05-10, true",
    "MONTHLY, 2025-05-01, 2025-05-10, false",
  })
  void overlap(Frequency frequency, LocalDate start, LocalDate end, boolean covered) {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFrequency(Configs.daily(), frequency), "UTC", "2025-03-31T08:00:00Z");
    user.steps("2025-03-31T09:00:00Z", "10");
    user.addPause("2025-03-31T10:00:00Z", "pause-1", start.toString(), end.toString());
    user.settle(frequency == Frequency.WEEKLY ? "2025-04-13T00:00:00Z" : "2025-05-01T00:00:00Z");
    assertThat(user.length()).isEqualTo(covered ? 1 : 0);
  }

  @Test
  @DisplayName(
      "PAUSE-4: activity during a pause extends normally and the period has usedPause false")
  void activityDuringPause() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-1", "2025-04-02", "2025-04-03");
    assertThat(user.steps("2025-04-02T09:00:00Z", "10").extended()).isTrue();
    StreakView view = user.view("2025-04-04T09:00:00Z", 4);
    assertThat(view.length()).isEqualTo(2);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::length, StreakView.HistoryEntry::usedPause)
        .containsExactly(tuple(1, false), tuple(2, false), tuple(2, true), tuple(2, false));
  }

  @Test
  @DisplayName("PAUSE-2: overlapping pauses act as their union")
  void union() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-a", "2025-04-02", "2025-04-05");
    user.addPause("2025-04-01T10:00:00Z", "pause-b", "2025-04-04", "2025-04-08");
    user.settle("2025-04-09T00:00:00Z");
    assertThat(user.length()).isEqualTo(1);
    StreakView view = user.view("2025-04-09T00:00:01Z");
    assertThat(view.status()).isEqualTo(StreakStatus.AT_RISK);
    user.settle("2025-04-10T00:00:00Z");
    assertThat(user.length()).isZero();
  }

  @Test
  @DisplayName("PAUSE-5: a pause for a user without a streak has no effect until a streak runs")
  void noStreak() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.addPause("2025-04-01T09:00:00Z", "pause-1", "2025-04-01", "2025-04-10");
    user.settle("2025-04-05T00:00:00Z");
    assertThat(user.state.periods()).isEmpty();
    user.steps("2025-04-05T09:00:00Z", "10"); // starts inside the pause
    user.settle("2025-04-09T09:00:00Z"); // 04-06..04-08 paused
    assertThat(user.length()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "PAUSE-6: an archived pause stops applying from now on; periods it already covered stay"
          + " covered")
  void archive() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-1", "2025-04-02", "2025-04-10");
    user.effects();
    // lazily: 04-02 and 04-03 are covered by the pause before it is archived on 04-04 at 12:00
    assertThat(user.archivePause("2025-04-04T12:00:00Z", "pause-1"))
        .isInstanceOf(StreakResult.Applied.class);
    assertThat(user.state.pauses())
        .containsExactly(
            new StreakPause(
                "pause-1", date("2025-04-02"), date("2025-04-10"), at("2025-04-04T12:00:00Z")));
    user.settle("2025-04-05T00:00:00Z");
    assertThat(user.effects())
        .containsExactly(new Lost(1, date("2025-04-04"), at("2025-04-05T00:00:00Z")));
    StreakView view = user.view("2025-04-05T01:00:00Z", 5);
    assertThat(view.streakHistory())
        .extracting(StreakView.HistoryEntry::usedPause)
        .containsExactly(false, true, true, false, false);
    assertThat(view.pauses()).isEmpty();

    assertThat(user.archivePause("2025-04-05T02:00:00Z", "pause-1"))
        .isEqualTo(new Refused(Severity.ERROR, "Streak pause not found by ID"));
    assertThat(user.archivePause("2025-04-05T02:00:00Z", "unknown"))
        .isEqualTo(new Refused(Severity.ERROR, "Streak pause not found by ID"));
  }

  @Test
  @DisplayName("PAUSE-7: pauses lists active current and upcoming pauses by start, then id")
  void reading() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.addPause("2025-04-01T09:00:00Z", "pause-c", "2025-04-01", "2025-04-02"); // past by 04-03
    user.addPause(
        "2025-04-01T09:00:00Z", "pause-b", "2025-04-03", "2025-04-03"); // current on 04-03
    user.addPause(
        "2025-04-01T09:00:00Z", "pause-a", "2025-04-03", "2025-04-20"); // same start, smaller id
    user.addPause("2025-04-01T09:00:00Z", "pause-d", "2025-05-01", "2025-05-02"); // upcoming
    user.addPause("2025-04-01T09:00:00Z", "pause-e", "2025-06-01", "2025-06-02");
    user.archivePause("2025-04-02T09:00:00Z", "pause-e");
    assertThat(user.view("2025-04-03T12:00:00Z").pauses())
        .containsExactly(
            new PauseEntry("pause-a", date("2025-04-03"), date("2025-04-20")),
            new PauseEntry("pause-b", date("2025-04-03"), date("2025-04-03")),
            new PauseEntry("pause-d", date("2025-05-01"), date("2025-05-02")));
  }

  @Test
  @DisplayName("STREAK-24, STREAK-12: protected while paused; expires after the last paused period")
  void protectedStatus() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.addPause("2025-04-01T10:00:00Z", "pause-1", "2025-04-03", "2025-04-05");
    user.addPause("2025-04-01T10:00:00Z", "pause-2", "2025-04-06", "2025-04-06");
    // extended today, paused 04-03..04-06: activity on 04-02 or by 04-07 keeps the streak
    assertThat(user.view("2025-04-01T11:00:00Z").expires()).isEqualTo("2025-04-02");
    StreakView atRisk = user.view("2025-04-02T11:00:00Z");
    assertThat(atRisk.status()).isEqualTo(StreakStatus.AT_RISK);
    assertThat(atRisk.expires()).isEqualTo("2025-04-02");
    user.steps("2025-04-02T12:00:00Z", "10");
    StreakView extended = user.view("2025-04-02T13:00:00Z");
    assertThat(extended.status()).isEqualTo(StreakStatus.EXTENDED);
    assertThat(extended.expires()).isEqualTo("2025-04-07");
    StreakView paused = user.view("2025-04-04T11:00:00Z");
    assertThat(paused.status()).isEqualTo(StreakStatus.PROTECTED);
    assertThat(paused.expires()).isEqualTo("2025-04-07");
    assertThat(paused.extended()).isEqualTo("2025-04-02T12:00:00Z");
    assertThat(paused.streakHistory().getLast().usedPause()).isTrue();
  }

  @Test
  @DisplayName("PAUSE-3, STREAK-12: weekly pause coverage in expires")
  void weeklyExpiresWithPause() {
    StreakDriver user = StreakDriver.user(Configs.weekly(), "UTC", "2025-03-31T08:00:00Z");
    user.steps("2025-03-31T09:00:00Z", "10"); // week 03-30..04-05
    user.addPause("2025-03-31T10:00:00Z", "pause-1", "2025-04-12", "2025-04-13"); // touches 2 weeks
    assertThat(user.view("2025-03-31T11:00:00Z").expires()).isEqualTo("2025-04-26");
  }
}
