package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Scope;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.TimeProgress;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.engine.points.TriggerStatus;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The points part of {@link StoreContract}, run on every database through it. */
final class PointsContract {
  // 2025-01-15 10:30:00 UTC
  static final Instant T0 = StoreContract.T0;
  static final PointsConfigLoader.Resolver NAMES =
      new PointsConfigLoader.Resolver() {
        @Override
        public String attributeKey(String attributeId) {
          return attributeId.equals("a-plan") ? "plan" : null;
        }

        @Override
        public String metricName(String metricId) {
          return "Metric " + metricId;
        }

        @Override
        public String achievementName(String achievementId) {
          return null;
        }
      };

  private final Database db;
  private final Scope scope;
  private final Scope otherTenant;
  private final PointsConfigRepository writes = new PointsConfigRepository();
  private final PointsConfigLoader loader;
  private final PointsRepository points;
  private final AwardRepository awards;
  private final UserRepository users;

  PointsContract(Database db, Scope scope, Scope otherTenant) {
    this.db = db;
    this.scope = scope;
    this.otherTenant = otherTenant;
    this.loader = new PointsConfigLoader(db);
    this.points = new PointsRepository(db);
    this.awards = new AwardRepository(db);
    this.users = new UserRepository(db);
  }

  private static PointsSystem system(String id, String key, Long max) {
    return new PointsSystem(id, key, key.toUpperCase(), null, null, max, T0);
  }

  private static Trigger metricTrigger(String id, String systemId, TriggerStatus status) {
    return new Trigger(id, systemId, 10, status, List.of(new AttributeFilter("a-plan", null, "pro")),
        new TriggerRule.Metric("m1", null, 3, List.of(new AttributeFilter("a-deck", null, "fr"))),
        true, T0, T0, status == TriggerStatus.ACTIVE ? T0 : null, 2, 1);
  }

  void pts1_trig1_lvl1_boost1_configuration_round_trips_in_creation_order() {
    Trigger metric = metricTrigger("t1", "s1", TriggerStatus.ACTIVE);
    Trigger time = new Trigger("t2", "s1", -3, TriggerStatus.INACTIVE, List.of(),
        new TriggerRule.Time(TriggerRule.TimeUnit.DAYS, 2), false, T0, T0, null, 0, 0);
    Trigger streak = new Trigger("t3", "s1", 5, TriggerStatus.ACTIVE, List.of(), new TriggerRule.Streak(7), false, T0, T0, T0, 0, 0);
    Trigger achievement = new Trigger("t4", "s1", 5, TriggerStatus.ACTIVE, List.of(),
        new TriggerRule.Achievement("ach-1", null), false, T0, T0, T0, 0, 0);
    Trigger welcome = new Trigger("t5", "s1", 50, TriggerStatus.ACTIVE, List.of(), new TriggerRule.UserCreation(), false, T0, T0, T0, 0, 0);
    Level gold = new Level("l2", "s1", "gold", "Gold", "Top", "https://x.test/g.png", 500, T0);
    Level bronze = new Level("l1", "s1", "bronze", "Bronze", null, null, 0, T0);
    Boost boost = new Boost("b1", "s1", "Double", LocalDate.of(2025, 1, 1), null, new BigDecimal("1.5"),
        Boost.Rounding.NEAREST, null, List.of(new AttributeFilter("a-plan", null, "pro")), T0);
    Boost mine = new Boost("b2", "s1", "Mine", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2), new BigDecimal("2"),
        Boost.Rounding.DOWN, "u1", List.of(), T0);
    db.write(tx -> {
      writes.insertSystem(tx, scope, new PointsSystem("s1", "xp", "XP", "Experience", "https://x.test/xp.png", 1000L, T0));
      writes.insertSystem(tx, scope, system("s2", "gems", null));
      writes.insertSystem(tx, otherTenant, system("s3", "xp", null));
      for (Trigger t : List.of(metric, time, streak, achievement, welcome)) {
        writes.insertTrigger(tx, scope, t);
      }
      writes.insertLevel(tx, scope, gold);
      writes.insertLevel(tx, scope, bronze);
      writes.insertBoost(tx, scope, boost);
      writes.insertBoost(tx, scope, mine);
      return null;
    });
    PointsConfig config = loader.load(scope, NAMES);
    assertThat(config.systems()).extracting(SystemConfig::key).containsExactly("xp", "gems");
    SystemConfig xp = config.byKey("xp");
    assertThat(xp.system()).isEqualTo(new PointsSystem("s1", "xp", "XP", "Experience", "https://x.test/xp.png", 1000L, T0));
    assertThat(config.byKey("gems").system().maxPoints()).isNull();
    Trigger loaded = xp.triggers().get(0);
    assertThat(loaded.userAttributes()).containsExactly(new AttributeFilter("a-plan", "plan", "pro"));
    assertThat(loaded.rule()).isEqualTo(new TriggerRule.Metric("m1", "Metric m1", 3, List.of(new AttributeFilter("a-deck", null, "fr"))));
    assertThat(loaded.blockIfOutOfPoints()).isTrue();
    assertThat(loaded.epoch()).isEqualTo(2);
    assertThat(loaded.revision()).isEqualTo(1);
    assertThat(loaded.activatedAt()).isEqualTo(T0);
    assertThat(xp.triggers()).extracting(Trigger::rule)
        .containsExactly(loaded.rule(), time.rule(), streak.rule(), achievement.rule(), welcome.rule());
    assertThat(xp.triggers().get(1).activatedAt()).isNull();
    assertThat(xp.levels()).containsExactly(bronze, gold); // LVL-10: by threshold
    assertThat(xp.boosts()).extracting(Boost::id).containsExactly("b1", "b2");
    assertThat(xp.boosts().get(0).multiplier()).isEqualByComparingTo("1.5");
    assertThat(xp.boosts().get(1).end()).isEqualTo(LocalDate.of(2025, 1, 2));
    assertThat(xp.boosts().get(1).userId()).isEqualTo("u1");
    assertThat(loader.load(otherTenant, NAMES).systems()).extracting(SystemConfig::key).containsExactly("xp");
  }

  void pts16_trig18_archived_systems_vanish_archived_triggers_stay_for_awards_and_keys_free_up() {
    db.write(tx -> {
      writes.insertSystem(tx, scope, system("s1", "xp", null));
      writes.insertTrigger(tx, scope, metricTrigger("t1", "s1", TriggerStatus.ACTIVE));
      writes.insertLevel(tx, scope, new Level("l1", "s1", "bronze", "Bronze", null, null, 0, T0));
      return null;
    });
    boolean trigger = db.write(tx -> writes.archive(tx, scope, PointsConfigRepository.Table.TRIGGERS, "s1", "t1"));
    boolean again = db.write(tx -> writes.archive(tx, scope, PointsConfigRepository.Table.TRIGGERS, "s1", "t1"));
    boolean level = db.write(tx -> writes.archive(tx, scope, PointsConfigRepository.Table.LEVELS, "s1", "l1"));
    assertThat(trigger).isTrue();
    assertThat(again).isFalse();
    assertThat(level).isTrue();
    SystemConfig xp = loader.load(scope, NAMES).byKey("xp");
    assertThat(xp.triggers()).extracting(Trigger::status).containsExactly(TriggerStatus.ARCHIVED);
    assertThat(xp.levels()).isEmpty();
    // LVL-1: an archived level's key and threshold are free again
    db.write(tx -> {
      writes.insertLevel(tx, scope, new Level("l2", "s1", "bronze", "Bronze", null, null, 0, T0));
      return null;
    });
    boolean system = db.write(tx -> writes.archive(tx, scope, PointsConfigRepository.Table.SYSTEMS, null, "s1"));
    assertThat(system).isTrue();
    assertThat(loader.load(scope, NAMES).systems()).isEmpty();
    db.write(tx -> {
      writes.insertSystem(tx, scope, system("s9", "xp", null));
      return null;
    });
    assertThat(loader.load(scope, NAMES).byKey("xp").id()).isEqualTo("s9");
  }

  void pts1_lvl1_keys_and_thresholds_are_unique_among_live_objects() {
    db.write(tx -> {
      writes.insertSystem(tx, scope, system("s1", "xp", null));
      writes.insertLevel(tx, scope, new Level("l1", "s1", "bronze", "Bronze", null, null, 0, T0));
      return null;
    });
    assertThatThrownBy(() -> db.write(tx -> {
      writes.insertSystem(tx, scope, system("s2", "xp", null));
      return null;
    })).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> db.write(tx -> {
      writes.insertLevel(tx, scope, new Level("l2", "s1", "silver", "Silver", null, null, 0, T0));
      return null;
    })).isInstanceOf(StoreException.class);
  }

  void pts2_pts3_user_state_and_awards_round_trip_exactly() {
    UserProfile u1 = new UserProfile("u1", null, null, "Asia/Tokyo", List.of(), true, Map.of("plan", "pro"), false, T0, T0);
    Boost applied = new Boost("b1", "s1", "Double", LocalDate.of(2025, 1, 1), null, new BigDecimal("1.5"),
        Boost.Rounding.UP, null, List.of(), T0);
    PointsState state =
        new PointsState(
            Map.of("s1", Long.MAX_VALUE - 1),
            Map.of("t1", new MetricProgress(1, 2, new BigDecimal("12345678901.0000000001"), new BigDecimal("4115226300"))),
            Map.of("t2", new TimeProgress(T0, 3, T0.plusSeconds(3600))));
    Award first = new Award("aw1", "u1", "s1", "t1", 15, 15, T0, "Asia/Tokyo", List.of(applied), null);
    Award second = new Award("aw2", "u1", "s1", "t2", -5, 10, T0.plusSeconds(1), "Asia/Tokyo", List.of(), "time:t2:0:1");
    db.write(tx -> {
      users.saveProfile(tx, scope, u1, Preferences.NONE);
      points.saveState(tx, scope, "u1", null, state);
      awards.insertAwards(tx, scope, List.of(first, second));
      return null;
    });
    assertThat(users.load(scope, "u1").points()).isEqualTo(state);
    assertThat(users.load(otherTenant, "u1")).isNull();
    List<Award> recent = awards.recentAwards(scope, "u1", "s1", 10);
    assertThat(recent).extracting(Award::id).containsExactly("aw2", "aw1");
    assertThat(recent.get(1).boosts()).extracting(Boost::id, Boost::name, Boost::rounding)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", "Double", Boost.Rounding.UP));
    assertThat(recent.get(1).boosts().get(0).multiplier()).isEqualByComparingTo("1.5");
    assertThat(awards.recentAwards(scope, "u1", "s1", 1)).extracting(Award::id).containsExactly("aw2");
    assertThat(awards.awardsSince(scope, "u1", "s1", T0.plusSeconds(1))).extracting(Award::id).containsExactly("aw2");
    // only changed entries are written; an unchanged state writes nothing
    PointsState next = new PointsState(Map.of("s1", 3L), state.metricProgress(), state.timeProgress());
    db.write(tx -> {
      points.saveState(tx, scope, "u1", state, next);
      return null;
    });
    assertThat(users.load(scope, "u1").points()).isEqualTo(next);
  }

  void trig10_trig11_a_time_award_slot_can_never_be_stored_twice() {
    Award slot = new Award("aw1", "u1", "s1", "t2", 5, 5, T0, null, List.of(), "time:t2:0:1");
    Award again = new Award("aw2", "u1", "s1", "t2", 5, 10, T0, null, List.of(), "time:t2:0:1");
    db.write(tx -> {
      awards.insertAwards(tx, scope, List.of(slot));
      return null;
    });
    assertThatThrownBy(() -> db.write(tx -> {
      awards.insertAwards(tx, scope, List.of(again));
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(awards.recentAwards(scope, "u1", "s1", 10)).hasSize(1);
  }

  void trig10_the_sweep_finds_users_never_settled_or_due() {
    Trigger hourly = new Trigger("t1", "s1", 1, TriggerStatus.ACTIVE, List.of(),
        new TriggerRule.Time(TriggerRule.TimeUnit.HOURS, 1), false, T0, T0, T0, 0, 0);
    db.write(tx -> {
      writes.insertSystem(tx, scope, system("s1", "xp", null));
      writes.insertTrigger(tx, scope, hourly);
      for (String id : List.of("a", "b", "c", "d")) {
        users.saveProfile(tx, scope, new UserProfile(id, null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      }
      // a: due; b: settled, not due; c: settled under an older activation; d: never settled
      points.saveState(tx, scope, "a", null, timeState("t1", T0, T0.plusSeconds(3600)));
      points.saveState(tx, scope, "b", null, timeState("t1", T0, T0.plusSeconds(7200)));
      points.saveState(tx, scope, "c", null, timeState("t1", T0.minusSeconds(60), T0.plusSeconds(7200)));
      return null;
    });
    List<PointsRepository.TimeTriggerRef> refs = points.activeTimeTriggers();
    assertThat(refs).containsExactly(new PointsRepository.TimeTriggerRef(scope, "t1", T0));
    Instant now = T0.plusSeconds(3600);
    assertThat(points.dueUsers(refs.get(0), now, "", 10)).containsExactly("a", "c", "d");
    assertThat(points.dueUsers(refs.get(0), now, "a", 1)).containsExactly("c");
    db.write(tx -> writes.archive(tx, scope, PointsConfigRepository.Table.SYSTEMS, null, "s1"));
    assertThat(points.activeTimeTriggers()).isEmpty();
  }

  private static PointsState timeState(String triggerId, Instant activation, Instant nextDue) {
    return new PointsState(Map.of(), Map.of(), Map.of(triggerId, new TimeProgress(activation, 0, nextDue)));
  }

  void pts12_every_user_of_the_scope_has_a_total_zero_without_awards() {
    db.write(tx -> {
      users.saveProfile(tx, scope, new UserProfile("u1", null, null, null, List.of(), true, Map.of("plan", "pro"), false, T0, T0), Preferences.NONE);
      users.saveProfile(tx, scope, new UserProfile("u2", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      users.saveProfile(tx, otherTenant, new UserProfile("u3", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      points.saveState(tx, scope, "u1", null, new PointsState(Map.of("s1", 42L), Map.of(), Map.of()));
      return null;
    });
    assertThat(points.totals(scope, "s1"))
        .containsExactlyInAnyOrder(
            new PointsRepository.UserTotal("u1", Map.of("plan", "pro"), 42),
            new PointsRepository.UserTotal("u2", Map.of(), 0));
  }
}
