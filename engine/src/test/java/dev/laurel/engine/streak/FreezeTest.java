package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.streak.StreakEffect.FreezeConsumed;
import dev.laurel.engine.streak.StreakEffect.FreezeEarned;
import dev.laurel.engine.streak.StreakEffect.Lost;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreezeTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @ParameterizedTest(name = "initialFreezes {0} of max {1} → {2}")
  @DisplayName("FREEZE-3: the initial grant at creation, with streak.freeze_earned when > 0")
  @CsvSource({"2, 5, 2", "0, 5, 0", "5, 5, 5"})
  void initialGrant(int initial, int max, int expected) {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), max, initial), "UTC", "2025-04-01T08:00:00Z");
    assertThat(user.state.freezes()).isEqualTo(expected);
    if (expected > 0) {
      assertThat(user.effects())
          .containsExactly(
              new FreezeEarned(
                  expected, expected, FreezeChange.INITIAL, at("2025-04-01T08:00:00Z")));
      assertThat(user.state.freezeLedger())
          .containsExactly(
              new FreezeLedgerEntry(
                  at("2025-04-01T08:00:00Z"), FreezeChange.INITIAL, expected, expected));
    } else {
      assertThat(user.effects()).isEmpty();
    }
  }

  @Test
  @DisplayName("FREEZE-3: no initial grant while freezes or streaks are disabled")
  void noInitialGrantWhenDisabled() {
    StreakConfig freezesOff = Configs.with(Configs.daily(), new FreezeConfig(false, 5, 3, null));
    assertThat(StreakDriver.user(freezesOff, "UTC", "2025-04-01T08:00:00Z").state.freezes())
        .isZero();
    StreakConfig streaksOff = Configs.disabled(Configs.withFreezes(Configs.daily(), 5, 3));
    assertThat(StreakDriver.user(streaksOff, "UTC", "2025-04-01T08:00:00Z").state.freezes())
        .isZero();
  }

  @Test
  @DisplayName("FREEZE-5: one freeze per missed period, processed on time; loss when they run out")
  void consumedOnTimeThenLost() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 5, 2), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.effects();

    user.settle("2025-04-03T00:00:00Z"); // end of 04-02
    user.settle("2025-04-04T00:00:00Z"); // end of 04-03
    user.settle("2025-04-05T00:00:00Z"); // end of 04-04
    assertThat(user.effects())
        .containsExactly(
            new FreezeConsumed(1, 1, date("2025-04-02"), at("2025-04-03T00:00:00Z")),
            new FreezeConsumed(1, 0, date("2025-04-03"), at("2025-04-04T00:00:00Z")),
            new Lost(1, date("2025-04-04"), at("2025-04-05T00:00:00Z")));
  }

  @Test
  @DisplayName(
      "FREEZE-5: boundaries processed together report the number consumed in that evaluation")
  void consumedTogether() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.weekly(), 5, 3), "UTC", "2025-03-30T08:00:00Z");
    user.steps("2025-03-31T09:00:00Z", "10"); // week of 03-30
    user.effects();

    user.settle(
        "2025-05-01T00:00:00Z"); // weeks of 04-06, 04-13, 04-20 frozen; week of 04-27 still open
    assertThat(user.effects())
        .containsExactly(new FreezeConsumed(3, 0, date("2025-04-20"), at("2025-04-27T00:00:00Z")));
    assertThat(user.length()).isEqualTo(1);
    assertThat(user.state.freezeLedger())
        .filteredOn(e -> e.change() == FreezeChange.CONSUMPTION)
        .extracting(FreezeLedgerEntry::balance)
        .containsExactly(2, 1, 0);
    user.settle("2025-05-04T00:00:00Z");
    assertThat(user.effects())
        .containsExactly(new Lost(1, date("2025-04-27"), at("2025-05-04T00:00:00Z")));
  }

  @Test
  @DisplayName(
      "FREEZE-6: grants one per item up to maxFreezes; the rest are refused; one freeze_earned with"
          + " the total")
  void adminGrant() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withFreezes(Configs.daily(), 3, 1), "UTC", "2025-04-01T08:00:00Z");
    user.effects();
    FreezeGrant grant = user.grant("2025-04-01T09:00:00Z", 4);
    assertThat(grant.granted()).isEqualTo(2);
    assertThat(grant.refused()).isEqualTo(2);
    assertThat(user.effects())
        .containsExactly(new FreezeEarned(2, 3, FreezeChange.GRANT, at("2025-04-01T09:00:00Z")));

    FreezeGrant full = user.grant("2025-04-01T09:01:00Z", 1);
    assertThat(full.granted()).isZero();
    assertThat(full.refused()).isEqualTo(1);
    assertThat(user.effects()).isEmpty();
    assertThat(StreakResult.FREEZE_LIMIT).isEqualTo("Would exceed maximum freeze limit");
  }

  @Test
  @DisplayName("FREEZE-6: granting while freezes are disabled is the caller's 422")
  void grantDisabled() {
    StreakDriver user = StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z");
    assertThatThrownBy(() -> user.grant("2025-04-01T09:00:00Z", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Streak freezes are not enabled");
  }

  @Test
  @DisplayName(
      "FREEZE-7: freezes and maxFreezes only when enabled; auto-earn fields only when configured")
  void viewFields() {
    StreakView plain =
        StreakDriver.user(Configs.daily(), "UTC", "2025-04-01T08:00:00Z")
            .view("2025-04-01T09:00:00Z");
    assertThat(plain.freezes()).isNull();
    assertThat(plain.maxFreezes()).isNull();
    assertThat(plain.freezeAutoEarnInterval()).isNull();
    assertThat(plain.freezeAutoEarnAmount()).isNull();
    assertThat(plain.streakHistory()).allSatisfy(e -> assertThat(e.usedFreeze()).isNull());

    StreakView freezes =
        StreakDriver.user(Configs.withFreezes(Configs.daily(), 4, 2), "UTC", "2025-04-01T08:00:00Z")
            .view("2025-04-01T09:00:00Z");
    assertThat(freezes.freezes()).isEqualTo(2);
    assertThat(freezes.maxFreezes()).isEqualTo(4);
    assertThat(freezes.freezeAutoEarnInterval()).isNull();
    assertThat(freezes.streakHistory()).allSatisfy(e -> assertThat(e.usedFreeze()).isFalse());

    StreakView autoEarn =
        StreakDriver.user(
                Configs.withAutoEarn(Configs.daily(), 4, 2, 7, 1), "UTC", "2025-04-01T08:00:00Z")
            .view("2025-04-01T09:00:00Z");
    assertThat(autoEarn.freezeAutoEarnInterval()).isEqualTo(7);
    assertThat(autoEarn.freezeAutoEarnAmount()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "FREEZE-8: disabling freezes keeps the balance but stops consumption and accrual, and hides"
          + " the fields")
  void disablingFreezes() {
    StreakConfig on = Configs.withAutoEarn(Configs.daily(), 5, 2, 1, 1);
    StreakDriver user = StreakDriver.user(on, "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.settle("2025-04-03T00:00:00Z"); // 04-02 frozen: 2 + 1 (04-02) − 1 + 1 (04-03) = 3
    assertThat(user.state.freezes()).isEqualTo(3);
    user.effects();

    user.reconfigure(
        "2025-04-03T01:00:00Z",
        Configs.with(on, new FreezeConfig(false, 5, 2, new AutoEarn(1, 1, null))));
    user.settle("2025-04-04T00:00:00Z");
    assertThat(user.effects())
        .containsExactly(new Lost(1, date("2025-04-03"), at("2025-04-04T00:00:00Z")));
    assertThat(user.state.freezes()).isEqualTo(3);
    StreakView view = user.view("2025-04-04T01:00:00Z");
    assertThat(view.freezes()).isNull();
    assertThat(view.streakHistory()).allSatisfy(e -> assertThat(e.usedFreeze()).isNull());

    user.reconfigure("2025-04-04T02:00:00Z", on);
    assertThat(user.view("2025-04-04T03:00:00Z").freezes()).isEqualTo(3);
    assertThat(user.view("2025-04-04T03:00:00Z").streakHistory().get(4).usedFreeze())
        .isTrue(); // 04-02
  }

  @Test
  @DisplayName("FREEZE-2: every balance change is in the ledger with the balance after it")
  void ledger() {
    StreakDriver user =
        StreakDriver.user(
            Configs.withAutoEarn(Configs.daily(), 5, 1, 2, 1), "UTC", "2025-04-01T08:00:00Z");
    user.steps("2025-04-01T09:00:00Z", "10");
    user.grant("2025-04-01T10:00:00Z", 1);
    user.settle("2025-04-03T12:00:00Z");
    assertThat(user.state.freezeLedger())
        .containsExactly(
            new FreezeLedgerEntry(at("2025-04-01T08:00:00Z"), FreezeChange.INITIAL, 1, 1),
            new FreezeLedgerEntry(at("2025-04-01T10:00:00Z"), FreezeChange.GRANT, 1, 2),
            new FreezeLedgerEntry(at("2025-04-03T00:00:00Z"), FreezeChange.CONSUMPTION, -1, 1),
            new FreezeLedgerEntry(at("2025-04-03T00:00:00Z"), FreezeChange.ACCRUAL, 1, 2));
  }
}
