package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.streak.StreakEffect.FreezeConsumed;
import dev.laurel.engine.streak.StreakEffect.FreezeEarned;
import dev.laurel.engine.streak.StreakEffect.Lost;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FREEZE-4: automatic freeze accrual, and when the sweep must settle next. */
class FreezeAccrualTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  @DisplayName(
      "FREEZE-4: auto-earn at the midnight starting anchor + k·interval, capped at maxFreezes")
  void autoEarnScheduleAndCap() {
    // created 2025-04-01 (anchor); interval 3 days, amount 2, max 5, initial 0
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 0, 3, 2), "UTC", "2025-04-01T08:00:00Z");
    user.settle("2025-04-03T23:59:59Z");
    assertThat(user.state.freezes()).isZero();
    user.settle("2025-04-04T00:00:00Z"); // anchor + 3
    assertThat(user.effects())
        .containsExactly(new FreezeEarned(2, 2, FreezeChange.ACCRUAL, at("2025-04-04T00:00:00Z")));
    user.settle("2025-04-13T12:00:00Z"); // 04-07 → 4, 04-10 → 5 (gain 1), 04-13 → at cap, silent
    assertThat(user.effects())
        .containsExactly(
            new FreezeEarned(2, 4, FreezeChange.ACCRUAL, at("2025-04-07T00:00:00Z")),
            new FreezeEarned(1, 5, FreezeChange.ACCRUAL, at("2025-04-10T00:00:00Z")));
    assertThat(user.state.freezes()).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "FREEZE-4: a freeze earned at a midnight cannot cover the period that ended at that midnight")
  void accrualAfterBoundary() {
    // interval 2 from 2025-04-01: accrual at the midnight starting 2025-04-03, which also ends
    // 2025-04-02
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 0, 2, 1), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.effects();
    user.settle("2025-04-03T00:00:00Z");
    assertThat(user.effects())
        .containsExactly(
            new Lost(1, date("2025-04-02"), at("2025-04-03T00:00:00Z")),
            new FreezeEarned(1, 1, FreezeChange.ACCRUAL, at("2025-04-03T00:00:00Z")));
  }

  @Test
  @DisplayName("FREEZE-4: an earned freeze covers a later missed period")
  void accruedFreezeCoversLater() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 0, 1, 1), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.effects();
    user.settle("2025-04-04T00:00:00Z");
    // midnight 04-02: accrual 1; midnight 04-03: 04-02 frozen (0) then accrual 1; midnight 04-04:
    // same
    assertThat(user.effects())
        .containsExactly(
            new FreezeEarned(1, 1, FreezeChange.ACCRUAL, at("2025-04-02T00:00:00Z")),
            new FreezeConsumed(1, 0, date("2025-04-02"), at("2025-04-03T00:00:00Z")),
            new FreezeEarned(1, 1, FreezeChange.ACCRUAL, at("2025-04-03T00:00:00Z")),
            new FreezeConsumed(1, 0, date("2025-04-03"), at("2025-04-04T00:00:00Z")),
            new FreezeEarned(1, 1, FreezeChange.ACCRUAL, at("2025-04-04T00:00:00Z")));
    assertThat(user.length()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "FREEZE-4: accrual follows local midnights in the user's zone and continues for idle users")
  void accrualInLocalTime() {
    // Asia/Kolkata: created 2025-04-01 10:00 local; interval 7 → midnight starting 2025-04-08 =
    // 2025-04-07T18:30Z
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 10, 0, 7, 1),
            "Asia/Kolkata",
            "2025-04-01T04:30:00Z");
    user.settle("2025-04-07T18:29:59Z");
    assertThat(user.state.freezes()).isZero();
    user.settle("2025-04-07T18:30:00Z");
    assertThat(user.state.freezes()).isEqualTo(1);
    user.settle(
        "2025-06-01T00:00:00Z"); // idle, no streak: 04-15, 04-22, 04-29, 05-06, 05-13, 05-20, 05-27
    assertThat(user.state.freezes()).isEqualTo(8);
  }

  @Test
  @DisplayName(
      "FREEZE-4: users created before auto-earn was enabled count from the local enabling date")
  void anchorAtEnabling() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 10, 0), "UTC", "2025-03-01T08:00:00Z");
    // enabled 2025-04-10 15:00 UTC; interval 5 → first accrual at the midnight starting 2025-04-15
    user.reconfigure(
        "2025-04-10T15:00:00Z",
        Configs.withAutoEarnSince(Configs.daily(), 10, 0, 5, 1, "2025-04-10T15:00:00Z"));
    user.settle("2025-04-14T23:00:00Z");
    assertThat(user.state.freezes()).isZero();
    user.settle("2025-04-15T00:00:00Z");
    assertThat(user.state.freezes()).isEqualTo(1);
    assertThat(user.state.autoEarnAnchor())
        .isEqualTo(new AutoEarnAnchor(date("2025-04-10"), at("2025-04-10T15:00:00Z")));
  }

  @Test
  @DisplayName("FREEZE-4: the anchor stays pinned when the user later changes zone")
  void anchorPinned() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 10, 0, 2, 1),
            "Pacific/Kiritimati",
            "2025-04-01T09:00:00Z");
    // created 2025-04-01 23:00 Kiritimati; anchor 2025-04-01
    user.settle("2025-04-01T09:30:00Z");
    user.moveTo("2025-04-01T09:45:00Z", "Etc/GMT+12"); // now 2025-03-31 21:45 local
    user.settle("2025-04-03T12:00:00Z"); // 2025-04-03 00:00 at UTC−12: anchor + 2
    assertThat(user.state.autoEarnAnchor().anchor()).isEqualTo("2025-04-01");
    assertThat(user.state.freezes()).isEqualTo(1);
  }

  @Test
  @DisplayName("STREAK-9, WH-17: nextSettlement is the earliest boundary or accrual midnight")
  void nextSettlement() {
    StreakEngine engine = new StreakEngine(Configs.withAutoEarn(Configs.weekly(), 5, 0, 10, 1));
    StreakState created =
        engine.created(ZoneId.of("UTC"), at("2025-04-02T08:00:00Z")).state(); // Wednesday
    assertThat(engine.nextSettlement(StreakPrefs.NONE, created))
        .contains(at("2025-04-12T00:00:00Z")); // accrual
    StreakState running =
        engine
            .onEvent(
                StreakPrefs.NONE,
                created,
                Configs.STEPS,
                BigDecimal.TEN,
                ZoneId.of("UTC"),
                at("2025-04-02T09:00:00Z"))
            .state();
    assertThat(engine.nextSettlement(StreakPrefs.NONE, running))
        .contains(at("2025-04-06T00:00:00Z")); // week ends
    assertThat(new StreakEngine(Configs.weekly()).nextSettlement(StreakPrefs.NONE, created))
        .isEmpty();
    // a pending frequency switch (STREAK-21) is due at once
    assertThat(new StreakEngine(Configs.daily()).nextSettlement(StreakPrefs.NONE, created))
        .contains(at("2025-04-02T08:00:00Z"));
  }
}
