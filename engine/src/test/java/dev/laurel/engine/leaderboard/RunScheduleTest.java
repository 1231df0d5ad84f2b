package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.date;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunScheduleTest {

  @Test
  @DisplayName("LB-2: a perpetual leaderboard has one run from start, open-ended without end")
  void perpetual() {
    Leaderboard lb = Boards.metric("all-time", "2025-01-01");
    assertThat(lb.runContaining(date("2031-06-30"))).contains(new Run(date("2025-01-01"), null));
    assertThat(lb.runContaining(date("2024-12-31"))).isEmpty();
    assertThat(Boards.ending(lb, "2025-03-31").runContaining(date("2025-02-01")))
        .contains(new Run(date("2025-01-01"), date("2025-03-31")));
    assertThat(Boards.ending(lb, "2025-03-31").runContaining(date("2025-04-01"))).isEmpty();
  }

  @ParameterizedTest(name = "daily: {0} is in the run of {1}")
  @CsvSource({"2025-01-01, 2025-01-01", "2025-01-02, 2025-01-02", "2025-03-01, 2025-03-01"})
  @DisplayName("LB-2, LB-4: daily runs are single days identified by their date")
  void daily(String day, String runStart) {
    Leaderboard lb = Boards.repeating(Boards.metric("daily", "2025-01-01"), RunUnit.DAY, 1);
    assertThat(lb.runContaining(date(day))).contains(new Run(date(runStart), date(runStart)));
  }

  @ParameterizedTest(name = "weekly from Wednesday 2025-01-01: {0} → [{1}, {2}]")
  @CsvSource({
    "2025-01-01, 2025-01-01, 2025-01-07",
    "2025-01-07, 2025-01-01, 2025-01-07",
    "2025-01-08, 2025-01-08, 2025-01-14",
    "2025-12-31, 2025-12-31, 2026-01-06"
  })
  @DisplayName("LB-3: weekly runs are day × 7 and start on the weekday of start")
  void weekly(String day, String start, String end) {
    Leaderboard lb = Boards.repeating(Boards.metric("weekly", "2025-01-01"), RunUnit.DAY, 7);
    Run run = lb.runContaining(date(day)).orElseThrow();
    assertThat(run).isEqualTo(new Run(date(start), date(end)));
    assertThat(run.start().getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
  }

  @ParameterizedTest(name = "monthly from 2025-01-31: {0} → [{1}, {2}]")
  @CsvSource({
    "2025-01-31, 2025-01-31, 2025-02-27",
    "2025-02-28, 2025-02-28, 2025-03-30",
    "2025-03-30, 2025-02-28, 2025-03-30",
    "2025-03-31, 2025-03-31, 2025-04-29",
    "2025-04-30, 2025-04-30, 2025-05-30",
    "2026-02-27, 2026-01-31, 2026-02-27",
    "2026-02-28, 2026-02-28, 2026-03-30"
  })
  @DisplayName("LB-2: month steps clamp the day and are always computed from the original start")
  void monthlyClamp(String day, String start, String end) {
    Leaderboard lb = Boards.repeating(Boards.metric("monthly", "2025-01-31"), RunUnit.MONTH, 1);
    assertThat(lb.runContaining(date(day))).contains(new Run(date(start), date(end)));
  }

  @ParameterizedTest(name = "every 2 months from 2025-01-15: {0} → [{1}, {2}]")
  @CsvSource({
    "2025-01-15, 2025-01-15, 2025-03-14",
    "2025-03-14, 2025-01-15, 2025-03-14",
    "2025-03-15, 2025-03-15, 2025-05-14",
    "2026-01-14, 2025-11-15, 2026-01-14"
  })
  @DisplayName("LB-2: runInterval multiplies the unit")
  void everyTwoMonths(String day, String start, String end) {
    Leaderboard lb = Boards.repeating(Boards.metric("bimonthly", "2025-01-15"), RunUnit.MONTH, 2);
    assertThat(lb.runContaining(date(day))).contains(new Run(date(start), date(end)));
  }

  @Test
  @DisplayName("LB-2: yearly runs from 29 February clamp to 28 February in common years")
  void yearlyLeapDay() {
    Leaderboard lb = Boards.repeating(Boards.metric("yearly", "2024-02-29"), RunUnit.YEAR, 1);
    assertThat(lb.runContaining(date("2025-02-27"))).contains(new Run(date("2024-02-29"), date("2025-02-27")));
    assertThat(lb.runContaining(date("2025-02-28"))).contains(new Run(date("2025-02-28"), date("2026-02-27")));
    assertThat(lb.runContaining(date("2028-03-01"))).contains(new Run(date("2028-02-29"), date("2029-02-27")));
  }

  @Test
  @DisplayName("LB-2: an end inside a run cuts that run, which is the last one")
  void endCutsTheLastRun() {
    Leaderboard lb = Boards.ending(Boards.repeating(Boards.metric("weekly", "2025-01-01"), RunUnit.DAY, 7), "2025-01-10");
    assertThat(lb.runContaining(date("2025-01-09"))).contains(new Run(date("2025-01-08"), date("2025-01-10")));
    assertThat(lb.runContaining(date("2025-01-11"))).isEmpty();
    assertThat(lb.firstRun()).isEqualTo(new Run(date("2025-01-01"), date("2025-01-07")));
  }

  @Test
  @DisplayName("LB-7, TIME-7: a run is final at 12:00 UTC on the day after its last date")
  void finalisation() {
    Run run = new Run(date("2025-01-01"), date("2025-01-07"));
    assertThat(run.finalisation()).isEqualTo(Boards.at("2025-01-08T12:00:00Z"));
    assertThat(run.isFinalAt(Boards.at("2025-01-08T11:59:59Z"))).isFalse();
    assertThat(run.isFinalAt(Boards.at("2025-01-08T12:00:00Z"))).isTrue();
    assertThat(new Run(date("2025-01-01"), null).isFinalAt(Boards.at("2100-01-01T00:00:00Z"))).isFalse();
  }
}
