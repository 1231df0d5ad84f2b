package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.at;
import static dev.laurel.engine.leaderboard.Boards.date;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusAndWindowTest {
  private static final Leaderboard SCHEDULED =
      Boards.ending(Boards.metric("spring", "2025-03-01"), "2025-03-31").withStatus(LeaderboardStatus.SCHEDULED);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2025-02-28T23:59:59Z, SCHEDULED",
    "2025-03-01T00:00:00Z, ACTIVE", // 00:00 UTC on start
    "2025-04-01T11:59:59Z, ACTIVE", // UTC−12 is still on 31 March
    "2025-04-01T12:00:00Z, FINISHED" // end has passed in every zone (TIME-7)
  })
  @DisplayName("LB-5: scheduled becomes active at 00:00 UTC on start, finished at 12:00 UTC after end")
  void automaticTransitions(String now, LeaderboardStatus expected) {
    assertThat(SCHEDULED.status(at(now))).isEqualTo(expected);
  }

  @Test
  @DisplayName("LB-5: inactive and finished stay as stored whatever the dates")
  void storedStatusesStay() {
    assertThat(SCHEDULED.withStatus(LeaderboardStatus.INACTIVE).status(at("2025-03-15T00:00:00Z")))
        .isEqualTo(LeaderboardStatus.INACTIVE);
    assertThat(SCHEDULED.withStatus(LeaderboardStatus.FINISHED).status(at("2025-03-15T00:00:00Z")))
        .isEqualTo(LeaderboardStatus.FINISHED);
  }

  @Test
  @DisplayName("LB-6: an early zone contributes from the start of its first local day while still scheduled in UTC")
  void earlyZoneContributesWhileScheduled() {
    // 2025-02-28 11:00 UTC is 2025-03-01 01:00 in Pacific/Kiritimati (UTC+14)
    var at = at("2025-02-28T11:00:00Z");
    assertThat(SCHEDULED.status(at)).isEqualTo(LeaderboardStatus.SCHEDULED);
    assertThat(ContributionWindow.runFor(SCHEDULED, at, ZoneId.of("Pacific/Kiritimati")))
        .contains(new Run(date("2025-03-01"), date("2025-03-31")));
    assertThat(ContributionWindow.runFor(SCHEDULED, at, ZoneId.of("UTC"))).isEmpty();
  }

  @Test
  @DisplayName("LB-6, EVENT-7: an inactive leaderboard accepts nothing; a late zone still contributes on the last day")
  void inactiveAndLateZones() {
    assertThat(ContributionWindow.runFor(SCHEDULED.withStatus(LeaderboardStatus.INACTIVE), at("2025-03-10T10:00:00Z"), ZoneId.of("UTC")))
        .isEmpty();
    // 2025-04-01 10:00 UTC is 2025-03-31 22:00 in Pacific/Pago_Pago (UTC−11)
    assertThat(ContributionWindow.runFor(SCHEDULED, at("2025-04-01T10:00:00Z"), ZoneId.of("Pacific/Pago_Pago")))
        .contains(new Run(date("2025-03-01"), date("2025-03-31")));
    assertThat(ContributionWindow.runFor(SCHEDULED, at("2025-04-01T10:00:00Z"), ZoneId.of("UTC"))).isEmpty();
  }

  @ParameterizedTest(name = "[{0}, {1}) at {2} → {3}")
  @CsvSource({
    ", , 03:00, true",
    "18:00, , 17:59:59, false",
    "18:00, , 18:00, true",
    "18:00, , 23:59, true",
    ", 09:00, 08:59:59, true",
    ", 09:00, 09:00, false",
    "09:00, 17:00, 09:00, true",
    "09:00, 17:00, 16:59:59, true",
    "09:00, 17:00, 17:00, false",
    "22:00, 06:00, 23:00, true",
    "22:00, 06:00, 05:59, true",
    "22:00, 06:00, 06:00, false",
    "22:00, 06:00, 12:00, false",
    "10:00, 10:00, 10:00, false"
  })
  @DisplayName("LB-8: time restrictions, including windows that wrap midnight and empty ones")
  void timeRestrictions(String start, String end, String time, boolean counts) {
    assertThat(
            ContributionWindow.inTimeWindow(
                start == null ? null : LocalTime.parse(start),
                end == null ? null : LocalTime.parse(end),
                LocalTime.parse(time)))
        .isEqualTo(counts);
  }

  @Test
  @DisplayName("LB-8: restrictions use the user's local time of day")
  void restrictionInLocalTime() {
    Leaderboard evenings = Boards.timed(Boards.metric("evenings", "2025-01-01"), "18:00", null);
    // 2025-01-15 17:30 UTC is 18:30 in Europe/Paris and 12:30 in America/New_York
    assertThat(ContributionWindow.runFor(evenings, at("2025-01-15T17:30:00Z"), ZoneId.of("Europe/Paris"))).isPresent();
    assertThat(ContributionWindow.runFor(evenings, at("2025-01-15T17:30:00Z"), ZoneId.of("America/New_York"))).isEmpty();
  }
}
