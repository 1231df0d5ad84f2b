package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.StreakRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * STREAK-9, FREEZE-4, WH-17: the sweep settles and stores idle users' time-driven state once their
 * next-settlement instant has passed, and leaves the others alone.
 */
class StreakSweepTest {

  @Test
  void streak9_the_sweep_stores_the_loss_of_an_idle_users_streak_and_only_when_due() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z");
        Database db = f.server.openStore()) {
      f.server.laurel.streakSweep().close();
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      StreakRepository stored = new StreakRepository(db);
      Scope scope = scope(db);
      f.lessonAt("idle", "2025-03-03T10:00:00Z");
      f.lessonAt("idle", "2025-03-04T10:00:00Z");
      f.lessonAt("busy", "2025-03-06T00:01:00Z");
      // Thursday 00:05: Wednesday was missed; only "idle" is due (its period ended at midnight).
      f.clock.set("2025-03-06T00:05:00Z");
      assertThat(f.server.laurel.streakSweep().runOnce()).isEqualTo(1);
      StreakState thursday = stored.state(scope, "idle");
      assertThat(thursday.length()).isEqualTo(2);
      assertThat(thursday.freezes()).isZero();
      assertThat(thursday.settledAt()).isEqualTo(Instant.parse("2025-03-06T00:05:00Z"));
      assertThat(f.server.laurel.streakSweep().runOnce()).isZero();
      // Friday 00:05: Thursday was missed too, and the loss is stored without any request.
      f.clock.set("2025-03-07T00:05:00Z");
      assertThat(f.server.laurel.streakSweep().runOnce()).isEqualTo(2);
      assertThat(stored.state(scope, "idle").length()).isZero();
      assertThat(stored.ranked(scope, StreakRepository.RankBy.LENGTH, 0, 10))
          .extracting(StreakRepository.Ranked::userId)
          .containsExactly("busy");
      assertThat(stored.ranked(scope, StreakRepository.RankBy.LONGEST, 0, 10))
          .extracting(StreakRepository.Ranked::userId)
          .containsExactly("idle", "busy");
      // Nothing time-driven can happen to a user without a streak or auto-earn: never due again.
      f.clock.set("2025-04-07T00:05:00Z");
      assertThat(f.server.laurel.streakSweep().runOnce()).isEqualTo(1);
      assertThat(f.server.laurel.streakSweep().runOnce()).isZero();
    }
  }

  @Test
  void streak21_an_event_that_leaves_the_length_and_sweep_instant_writes_neither_and_a_reconfigured_user_stays_due() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z");
        Database db = f.server.openStore()) {
      f.server.laurel.streakSweep().close();
      f.config(StreakFixture.DAILY_WITH_FREEZES);
      f.lessonAt("u", "2025-03-03T10:00:00Z");
      Long monday = nextSettlement(db, "u");
      assertThat(monday).isNotNull();
      // STREAK-21: a configuration change makes every user due now...
      f.clock.set("2025-03-03T10:30:00Z");
      assertThat(f.config(StreakFixture.DAILY_WITH_FREEZES.replace("\"maxFreezes\": 2", "\"maxFreezes\": 3")).status())
          .isEqualTo(200);
      long changed = Instant.parse("2025-03-03T10:30:00Z").toEpochMilli();
      assertThat(nextSettlement(db, "u")).isEqualTo(changed);
      // ...and an event of the same day, which leaves the length and the computed instant as they
      // were, does not write them (issue 8): the user stays due, earlier than needed, not later.
      f.lessonAt("u", "2025-03-03T11:00:00Z");
      assertThat(nextSettlement(db, "u")).isEqualTo(changed);
      // The sweep settles the user and stores the instant it computes.
      f.clock.set("2025-03-03T11:05:00Z");
      assertThat(f.server.laurel.streakSweep().runOnce()).isEqualTo(1);
      assertThat(nextSettlement(db, "u")).isEqualTo(monday);
      // An event that extends the streak writes its new length and instant.
      f.lessonAt("u", "2025-03-04T10:00:00Z");
      assertThat(nextSettlement(db, "u")).isGreaterThan(monday);
      assertThat(new StreakRepository(db).ranked(scope(db), StreakRepository.RankBy.LENGTH, 0, 10))
          .extracting(StreakRepository.Ranked::length)
          .containsExactly(2);
    }
  }

  private static Scope scope(Database db) {
    return Scope.defaultTenant(new ConfigRepository(db).environmentByKey("production").id());
  }

  /** The user's stored sweep instant (epoch milliseconds), or null. */
  private static Long nextSettlement(Database db, String userId) {
    return db.read(c -> {
      try (var ps = c.prepareStatement("SELECT next_settlement FROM streak_states WHERE user_id = ?")) {
        ps.setString(1, userId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          long value = rs.getLong(1);
          return rs.wasNull() ? null : value;
        }
      }
    });
  }

  @Test
  void freeze4_the_sweep_stores_auto_earned_freezes_of_users_without_a_streak() {
    try (StreakFixture f = new StreakFixture("2025-03-03T10:00:00Z");
        Database db = f.server.openStore()) {
      f.server.laurel.streakSweep().close();
      f.config(
          StreakFixture.DAILY_WITH_FREEZES.replace(
              "\"autoEarn\": null", "\"autoEarn\": {\"intervalDays\": 1, \"amount\": 1}"));
      assertThat(f.server.app("PUT", "/users/saver", "{}").status()).isEqualTo(200);
      Scope scope = scope(db);
      StreakRepository stored = new StreakRepository(db);
      assertThat(stored.state(scope, "saver").freezes()).isEqualTo(1);
      f.clock.set("2025-03-04T00:01:00Z");
      assertThat(f.server.laurel.streakSweep().runOnce()).isEqualTo(1);
      assertThat(stored.state(scope, "saver").freezes()).isEqualTo(2);
    }
  }
}
