package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.laurel.engine.streak.StreakEffect.Extended;
import dev.laurel.engine.streak.StreakEffect.FreezeConsumed;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TIME-3, TIME-6, STREAK-14: the user's tz changes. */
class StreakTimeZoneChangeTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  @DisplayName(
      "STREAK-14: moving east over a whole local day covers that day (not missed, not counted, no"
          + " freeze)")
  void eastSkipsADay() {
    StreakConfig config = Configs.withFreezes(Configs.daily(), 5, 2);
    StreakDriver user =
        StreakDriver.user(config, "Etc/GMT+12", "2025-04-01T12:00:00Z"); // 04-01 00:00 local
    user.steps("2025-04-02T08:00:00Z", "10"); // 2025-04-01 20:00 at UTC−12
    user.effects();

    user.moveTo("2025-04-02T11:00:00Z", "Pacific/Kiritimati"); // 04-01 23:00 → 04-03 01:00
    assertThat(user.effects()).isEmpty();
    assertThat(user.state.freezes()).isEqualTo(2);

    assertThat(user.steps("2025-04-02T12:00:00Z", "10").effects()) // 04-03 02:00 Kiritimati
        .containsExactly(new Extended(2, at("2025-04-02T12:00:00Z")));
    StreakView view = user.view("2025-04-02T13:00:00Z", 3);
    assertThat(view.periodStart()).isEqualTo("2025-04-03");
    assertThat(view.streakHistory())
        .extracting(
            StreakView.HistoryEntry::periodStart,
            StreakView.HistoryEntry::length,
            StreakView.HistoryEntry::usedFreeze,
            StreakView.HistoryEntry::usedPause)
        .containsExactly(
            tuple(LocalDate.parse("2025-04-01"), 1, false, false),
            tuple(LocalDate.parse("2025-04-02"), 1, false, false),
            tuple(LocalDate.parse("2025-04-03"), 2, false, false));
  }

  @Test
  @DisplayName(
      "STREAK-14, STREAK-8: a day the user did enter before moving east is evaluated as usual")
  void eastAfterEnteringADay() {
    StreakConfig config = Configs.withFreezes(Configs.daily(), 5, 2);
    StreakDriver user = StreakDriver.user(config, "Etc/GMT+12", "2025-04-01T12:00:00Z");
    user.steps("2025-04-02T08:00:00Z", "10"); // 2025-04-01 20:00 at UTC−12
    user.effects();

    user.moveTo("2025-04-03T11:00:00Z", "Pacific/Kiritimati"); // 04-02 23:00 → 04-04 01:00
    // 04-02 was entered and missed: one freeze; 04-03 was never entered: covered for free
    assertThat(user.effects())
        .containsExactly(
            new FreezeConsumed(1, 1, LocalDate.parse("2025-04-02"), at("2025-04-03T11:00:00Z")));
    assertThat(user.view("2025-04-03T11:30:00Z", 3).streakHistory())
        .extracting(StreakView.HistoryEntry::length, StreakView.HistoryEntry::usedFreeze)
        .containsExactly(tuple(1, true), tuple(1, false), tuple(1, false));
  }

  @Test
  @DisplayName("STREAK-14: moving west back into an extended day cannot extend it again")
  void westCannotExtendTwice() {
    StreakDriver user =
        StreakDriver.user(
            Configs.daily(), "Pacific/Kiritimati", "2025-04-01T10:00:00Z"); // 04-02 00:00
    user.steps("2025-04-01T12:00:00Z", "10"); // 2025-04-02 02:00 Kiritimati: length 1
    user.moveTo("2025-04-01T13:00:00Z", "Etc/GMT+12"); // now 2025-04-01 01:00 local

    assertThat(user.steps("2025-04-01T14:00:00Z", "10").extended())
        .isFalse(); // 04-01 02:00: before the current day
    assertThat(user.steps("2025-04-02T13:00:00Z", "10").extended())
        .isFalse(); // 04-02 01:00: already extended
    user.settle("2025-04-03T12:00:00Z"); // 04-03 00:00 at UTC−12: 04-02 ends, extended
    assertThat(user.length()).isEqualTo(1);
    assertThat(user.steps("2025-04-03T13:00:00Z", "10").effects()) // 04-03 01:00
        .containsExactly(new Extended(2, at("2025-04-03T13:00:00Z")));
  }

  @Test
  @DisplayName(
      "STREAK-14, TIME-3: after moving west the current day stays the latest day reached; earlier"
          + " dates do not count")
  void westIntoAnEarlierDate() {
    StreakDriver user =
        StreakDriver.user(Configs.daily(), "Pacific/Kiritimati", "2025-04-01T10:00:00Z");
    user.steps("2025-04-01T12:00:00Z", "10"); // 2025-04-02 02:00 Kiritimati
    user.moveTo("2025-04-02T11:00:00Z", "America/Los_Angeles"); // 04-03 01:00 → 04-02 04:00 PDT
    StreakView repeated = user.view("2025-04-02T17:00:00Z");
    assertThat(repeated.periodStart()).isEqualTo("2025-04-03");
    assertThat(repeated.status()).isEqualTo(StreakStatus.AT_RISK);

    assertThat(user.steps("2025-04-02T17:00:00Z", "10").extended()).isFalse(); // 04-02 10:00 PDT
    user.settle("2025-04-03T07:00:00Z"); // 04-03 00:00 PDT: nothing ends
    assertThat(user.length()).isEqualTo(1);
    assertThat(user.steps("2025-04-03T16:00:00Z", "10").extended()).isTrue(); // 04-03 09:00 PDT
    user.settle("2025-04-04T07:00:00Z"); // 04-04 00:00 PDT
    assertThat(user.length()).isEqualTo(2);
  }

  @Test
  @DisplayName("TIME-6: a round trip west and back east counts no day twice")
  void roundTrip() {
    StreakDriver user =
        StreakDriver.user(
            Configs.daily(), "Asia/Kolkata", "2025-04-01T03:30:00Z"); // 04-01 09:00 IST
    user.steps("2025-04-01T04:30:00Z", "10"); // 04-01 IST: 1
    user.moveTo("2025-04-01T20:00:00Z", "America/Los_Angeles"); // 04-02 01:30 IST → 04-01 13:00 PDT
    user.steps("2025-04-01T21:00:00Z", "10"); // 04-01 14:00 PDT: not again
    user.moveTo("2025-04-01T22:00:00Z", "Asia/Kolkata"); // back: 04-02 03:30 IST
    user.steps("2025-04-02T04:00:00Z", "10"); // 04-02 IST: 2
    assertThat(user.length()).isEqualTo(2);
    assertThat(user.effects())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Started", "Extended");
  }
}
