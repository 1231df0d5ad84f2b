package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakEffect.Extended;
import dev.laurel.engine.streak.StreakEffect.Lost;
import dev.laurel.engine.streak.StreakEffect.Started;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local midnight in zones from UTC+14 to UTC−12 (TIME-3, TIME-5, TIME-7, STREAK-2, STREAK-8). */
class StreakMidnightTest {

  @ParameterizedTest(name = "{0}: {1} is 2025-04-01 23:59, {2} is 2025-04-02 00:00")
  @CsvSource({
    // zone,              2025-04-01 23:59 local,  2025-04-02 00:00 local
    "Pacific/Kiritimati,  2025-04-01T09:59:00Z,    2025-04-01T10:00:00Z", // UTC+14
    "Asia/Kolkata,        2025-04-01T18:29:00Z,    2025-04-01T18:30:00Z", // UTC+05:30
    "UTC,                 2025-04-01T23:59:00Z,    2025-04-02T00:00:00Z",
    "America/Los_Angeles, 2025-04-02T06:59:00Z,    2025-04-02T07:00:00Z", // PDT, UTC−7
    "Etc/GMT+12,          2025-04-02T11:59:00Z,    2025-04-02T12:00:00Z", // UTC−12
  })
  void eventsJustBeforeAndAfterLocalMidnightCountForTheirLocalDates(
      String zone, Instant before, Instant after) {
    StreakDriver user =
        StreakDriver.user(Configs.daily(), zone, before.minusSeconds(3600).toString());

    assertThat(user.steps(before.toString(), "10").effects())
        .containsExactly(new Started(LocalDate.parse("2025-04-01"), before));
    assertThat(user.steps(after.toString(), "10").effects())
        .containsExactly(new Extended(2, after));

    StreakView view = user.view(after.plusSeconds(60).toString());
    assertThat(view.started()).isEqualTo("2025-04-01");
    assertThat(view.periodStart()).isEqualTo("2025-04-02");
    assertThat(view.expires()).isEqualTo("2025-04-03");
  }

  @ParameterizedTest(name = "{0}: still alive at {1}, lost at {2}")
  @CsvSource({
    // zone,              2025-04-02 23:59:59 local, 2025-04-03 00:00 local
    "Pacific/Kiritimati,  2025-04-02T09:59:59Z,      2025-04-02T10:00:00Z",
    "Asia/Kolkata,        2025-04-02T18:29:59Z,      2025-04-02T18:30:00Z",
    "America/Los_Angeles, 2025-04-03T06:59:59Z,      2025-04-03T07:00:00Z",
    "Etc/GMT+12,          2025-04-03T11:59:59Z,      2025-04-03T12:00:00Z",
  })
  void aMissedDayIsLostAtTheLocalMidnightEndingIt(
      String zone, Instant lastSecond, Instant midnight) {
    // extended on 2025-04-01 local (at 12:00 local), nothing on 2025-04-02
    Instant noonFirst = midnight.minusSeconds(36 * 3600);
    StreakDriver user =
        StreakDriver.user(Configs.daily(), zone, noonFirst.minusSeconds(60).toString());
    user.steps(noonFirst.toString(), "10");
    user.effects();

    assertThat(user.view(lastSecond.toString()).length()).isEqualTo(1);
    assertThat(user.view(lastSecond.toString()).status()).isEqualTo(StreakStatus.AT_RISK);

    user.settle(midnight.toString());
    assertThat(user.length()).isZero();
    assertThat(user.effects())
        .containsExactly(new Lost(1, LocalDate.parse("2025-04-02"), midnight));
  }

  @ParameterizedTest(name = "{0}: the same UTC instants are {2}")
  @CsvSource({
    // both events at 2025-04-01T12:00Z and 2025-04-02T11:00Z
    "Asia/Kolkata,        2, 2025-04-01 17:30 and 2025-04-02 16:30: two dates",
    "America/Los_Angeles, 2, 2025-04-01 05:00 and 2025-04-02 04:00: two dates",
    "Pacific/Kiritimati,  2, 2025-04-02 02:00 and 2025-04-03 01:00: two dates",
    "Etc/GMT+12,          1, 2025-04-01 00:00 and 2025-04-01 23:00: one date",
  })
  void theUsersZoneDecidesTheDate(String zone, int expectedLength, String description) {
    StreakDriver user = StreakDriver.user(Configs.daily(), zone, "2025-04-01T12:00:00Z");
    user.steps("2025-04-01T12:00:00Z", "10");
    user.steps("2025-04-02T11:00:00Z", "10");
    assertThat(user.length()).as(description).isEqualTo(expectedLength);
  }
}
