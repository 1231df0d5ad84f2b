package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One contract for the store port, run against every database (STYLE: no mocks). */
abstract class StoreContract {
  // 2025-01-15 10:30:00 UTC
  static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  Database db;
  ConfigRepository config;
  UserRepository users;
  KeyRepository keys;
  BatchRepository batches;
  StreakRepository streaks;
  Scope scope;
  Scope otherTenant;

  abstract Database open();

  void cleanUp() {}

  @BeforeEach
  void setUp() {
    db = open();
    config = new ConfigRepository(db);
    users = new UserRepository(db);
    keys = new KeyRepository(db);
    batches = new BatchRepository(db);
    streaks = new StreakRepository(db);
    Environment env = config.ensureEnvironment("production", "Production", "production", T0);
    scope = Scope.defaultTenant(env.id());
    Tenant acme = db.write(tx -> config.insertTenant(tx, env.id(), "acme", "Acme", T0));
    otherTenant = new Scope(env.id(), acme.id());
  }

  @AfterEach
  void tearDown() {
    db.close();
    cleanUp();
  }

  private static UserProfile profile(String id) {
    return new UserProfile(id, "a@b.c", "Ada", "Europe/London", List.of("tok"), true, Map.of("plan", "pro"), false, T0, T0);
  }

  private static StoredEvent event(String id, String userId, String value, Instant at, String key) {
    return new StoredEvent(id, userId, "m1", new BigDecimal(value), Map.of("deck", "fr"), "Europe/London", at, key);
  }

  @Test
  void environments_are_created_once_by_key() {
    Environment again = config.ensureEnvironment("production", "Other", "production", T0);
    assertThat(again.id()).isEqualTo(scope.environmentId());
    assertThat(config.environments()).hasSize(1);
  }

  @Test
  void users_round_trip_with_profile_preferences_and_exact_totals() {
    Preferences prefs = new Preferences(Map.of("recap", List.of("email")), false, null, null);
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), prefs);
      users.saveTotal(tx, scope, "u1", "m1", new BigDecimal("12345678901.0000000001"));
      return null;
    });
    UserState state = users.load(scope, "u1");
    assertThat(state.profile()).isEqualTo(profile("u1"));
    assertThat(state.preferences()).isEqualTo(prefs);
    assertThat(state.total("m1")).isEqualByComparingTo("12345678901.0000000001");
    assertThat(users.load(scope, "u2")).isNull();
  }

  @Test
  void ten12_users_of_one_tenant_are_invisible_to_another() {
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      return null;
    });
    assertThat(users.load(otherTenant, "u1")).isNull();
    assertThat(users.count(scope)).isEqualTo(1);
    assertThat(users.count(otherTenant)).isZero();
  }

  @Test
  void idem2_idempotency_keys_are_unique_per_user_and_metric() {
    db.write(tx -> {
      users.insertEvent(tx, scope, event("e1", "u1", "1", T0, "k"));
      users.insertEvent(tx, scope, event("e2", "u2", "1", T0, "k"));
      users.insertEvent(tx, otherTenant, event("e3", "u1", "1", T0, "k"));
      return null;
    });
    assertThat(users.findByIdempotencyKey(scope, "u1", "m1", "k").id()).isEqualTo("e1");
    assertThat(users.findByIdempotencyKey(scope, "u1", "m2", "k")).isNull();
    assertThatThrownBy(() -> db.write(tx -> {
      users.insertEvent(tx, scope, event("e4", "u1", "5", T0, "k"));
      return null;
    })).isInstanceOf(StoreException.class);
  }

  @Test
  void gen14_a_failed_transaction_leaves_nothing_behind() {
    assertThatThrownBy(() -> db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      users.insertEvent(tx, scope, event("e1", "u1", "1", T0, null));
      users.insertEvent(tx, scope, event("e1", "u1", "1", T0, null));
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(users.load(scope, "u1")).isNull();
    assertThat(users.eventsSince(scope, "u1", "m1", T0.minusSeconds(1))).isEmpty();
  }

  @Test
  void time3_events_keep_their_instant_zone_value_and_attributes() {
    db.write(tx -> {
      users.insertEvent(tx, scope, event("e1", "u1", "0.0000000001", T0, null));
      users.insertEvent(tx, scope, event("e2", "u1", "-2.5", T0.plusSeconds(5), null));
      return null;
    });
    List<StoredEvent> events = users.eventsSince(scope, "u1", "m1", T0);
    assertThat(events).extracting(StoredEvent::id).containsExactly("e1", "e2");
    assertThat(events.get(0).value()).isEqualByComparingTo("0.0000000001");
    assertThat(events.get(1).value()).isEqualByComparingTo("-2.5");
    assertThat(events.get(0).tz()).isEqualTo("Europe/London");
    assertThat(events.get(0).attributes()).containsEntry("deck", "fr");
    assertThat(users.eventsSince(scope, "u1", "m1", T0.plusSeconds(1))).hasSize(1);
  }

  @Test
  void metric1_attr1_configuration_in_creation_order_and_archived_hidden() {
    Metric b = new Metric("m-b", "b", "B", UnitType.NUMBER, "");
    Metric a = new Metric("m-a", "a", "A", UnitType.CURRENCY, "USD");
    db.write(tx -> {
      config.insertMetric(tx, scope, b, T0);
      config.insertMetric(tx, scope, a, T0);
      config.insertAttribute(tx, scope, new AttributeDef("at1", "plan", "Plan", AttributeType.USER), T0);
      config.insertAttribute(tx, scope, new AttributeDef("at2", "plan", "Plan", AttributeType.EVENT), T0);
      return null;
    });
    ScopeConfig c = config.scopeConfig(scope, 0);
    assertThat(c.metrics()).containsExactly(b, a);
    assertThat(c.isUserAttribute("plan")).isTrue();
    assertThat(c.isEventAttribute("plan")).isTrue();
    boolean first = db.write(tx -> config.archive(tx, scope, "metrics", "m-b"));
    boolean second = db.write(tx -> config.archive(tx, scope, "metrics", "m-b"));
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(config.scopeConfig(scope, 0).metrics()).containsExactly(a);
    assertThat(config.scopeConfig(otherTenant, 0).metrics()).isEmpty();
    // METRIC-5: an archived metric's key is free again.
    db.write(tx -> {
      config.insertMetric(tx, scope, new Metric("m-b2", "b", "B again", UnitType.NUMBER, ""), T0);
      return null;
    });
    assertThat(config.scopeConfig(scope, 0).metricByKey("b").id()).isEqualTo("m-b2");
  }

  @Test
  void metric_keys_are_unique_among_active_metrics_of_a_scope() {
    db.write(tx -> {
      config.insertMetric(tx, scope, new Metric("m1", "k", "K", UnitType.NUMBER, ""), T0);
      config.insertMetric(tx, otherTenant, new Metric("m2", "k", "K", UnitType.NUMBER, ""), T0);
      return null;
    });
    assertThatThrownBy(() -> db.write(tx -> {
      config.insertMetric(tx, scope, new Metric("m3", "k", "K", UnitType.NUMBER, ""), T0);
      return null;
    })).isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(db.dialect().isUniqueViolation((java.sql.SQLException) e.getCause())).isTrue());
  }

  @Test
  void attr5_deleting_a_user_attribute_removes_its_values() {
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      config.removeUserAttributeValues(tx, scope, "plan");
      return null;
    });
    assertThat(users.load(scope, "u1").profile().attributes()).isEmpty();
  }

  @Test
  void auth5_keys_are_found_by_prefix_and_keep_only_a_hash() {
    db.write(tx -> {
      keys.insertAdminKey(tx, "k1", scope.environmentId(), "abcd1234", "hash-1", T0);
      keys.insertApplicationKey(tx, "k2", scope.environmentId(), "", "u1", "app_XYZ", "hash-2", T0);
      return null;
    });
    ApiKeyRecord admin = keys.byPrefix("abcd1234");
    assertThat(admin.hash()).isEqualTo("hash-1");
    assertThat(admin.isApplicationKey()).isFalse();
    ApiKeyRecord app = keys.byPrefix("app_XYZ");
    assertThat(app.userId()).isEqualTo("u1");
    assertThat(keys.setAdminKeyStatus("abcd1234", "revoked")).isTrue();
    assertThat(keys.byPrefix("abcd1234").status()).isEqualTo("revoked");
    assertThat(keys.rotateAdminKey("abcd1234", "efgh5678", "hash-3")).isTrue();
    assertThat(keys.byPrefix("abcd1234")).isNull();
    keys.touchAdminKey("k1", T0);
    assertThat(keys.byPrefix("efgh5678").lastUsed()).isEqualTo(T0);
    boolean deleted = db.write(tx -> keys.deleteApplicationKey(tx, scope.environmentId(), "k2"));
    assertThat(deleted).isTrue();
    assertThat(keys.byPrefix("app_XYZ")).isNull();
    assertThat(keys.settingOrInit("s", "v1")).isEqualTo("v1");
    assertThat(keys.settingOrInit("s", "v2")).isEqualTo("v1");
  }

  @Test
  void batch7_queued_items_stay_until_deleted_with_their_effects() {
    db.write(tx -> {
      batches.enqueue(tx, scope, "b1", List.of("{\"a\":1}", "{\"a\":2}"), T0);
      return null;
    });
    List<BatchRepository.Item> items = batches.next(0, 10);
    assertThat(items).extracting(BatchRepository.Item::index).containsExactly(0, 1);
    db.write(tx -> {
      batches.delete(tx, items.get(0).seq());
      return null;
    });
    assertThat(batches.next(0, 10)).extracting(BatchRepository.Item::payload).containsExactly("{\"a\":2}");
  }

  @Test
  void cfg3_the_streak_configuration_round_trips_per_scope() {
    assertThat(streaks.config(scope)).isEqualTo(StreakFixtures.DISABLED);
    db.write(tx -> {
      streaks.saveConfig(tx, scope, StreakFixtures.CONFIG, T0);
      return null;
    });
    assertThat(streaks.config(scope)).isEqualTo(StreakFixtures.CONFIG);
    assertThat(config.scopeConfig(scope, 0).streak()).isEqualTo(StreakFixtures.CONFIG);
    assertThat(config.scopeConfig(otherTenant, 0).streak()).isEqualTo(StreakFixtures.DISABLED);
    db.write(tx -> {
      streaks.saveConfig(tx, scope, StreakFixtures.DISABLED, T0);
      return null;
    });
    assertThat(streaks.config(scope)).isEqualTo(StreakFixtures.DISABLED);
  }

  @Test
  void con14_a_streak_state_is_stored_with_the_user_and_loads_back_equal() {
    var state = StreakFixtures.busyState();
    assertThat(state.periods()).isNotEmpty();
    assertThat(state.activity()).isNotEmpty();
    assertThat(state.freezeLedger()).hasSizeGreaterThan(1);
    assertThat(state.pauses()).hasSize(1);
    assertThat(state.autoEarnAnchor()).isNotNull();
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      streaks.saveState(tx, scope, "u1", state, T0);
      return null;
    });
    assertThat(users.load(scope, "u1").streak()).isEqualTo(state);
    assertThat(streaks.state(scope, "u1")).isEqualTo(state);
    assertThat(users.load(otherTenant, "u1")).isNull();
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u2"), Preferences.NONE);
      return null;
    });
    assertThat(users.load(scope, "u2").streak()).isNull();
  }

  @Test
  void streak9_the_sweep_finds_users_whose_settlement_instant_passed() {
    var state = StreakFixtures.busyState();
    db.write(tx -> {
      streaks.saveState(tx, scope, "early", state, T0);
      streaks.saveState(tx, scope, "late", state, T0.plusSeconds(3600));
      streaks.saveState(tx, otherTenant, "never", state, null);
      return null;
    });
    assertThat(streaks.due(T0.minusSeconds(1), 10)).isEmpty();
    assertThat(streaks.due(T0, 10)).containsExactly(new StreakRepository.DueUser(scope, "early"));
    assertThat(streaks.due(T0.plusSeconds(3600), 1))
        .containsExactly(new StreakRepository.DueUser(scope, "early"));
    assertThat(streaks.due(T0.plusSeconds(3600), 10)).hasSize(2);
    db.write(tx -> {
      streaks.markAllDue(tx, otherTenant, T0);
      return null;
    });
    assertThat(streaks.due(T0, 10))
        .containsExactly(
            new StreakRepository.DueUser(scope, "early"),
            new StreakRepository.DueUser(otherTenant, "never"));
  }

  @Test
  void sdk9_rankings_order_by_length_or_longest_then_user_id_and_keep_the_longest() {
    db.write(tx -> {
      for (String id : List.of("a", "b", "c", "d")) {
        users.saveProfile(tx, scope, profile(id), Preferences.NONE);
      }
      streaks.saveState(tx, scope, "a", StreakFixtures.withLength(5), null);
      streaks.saveState(tx, scope, "b", StreakFixtures.withLength(7), null);
      streaks.saveState(tx, scope, "c", StreakFixtures.withLength(5), null);
      streaks.saveState(tx, scope, "d", StreakFixtures.withLength(0), null);
      return null;
    });
    db.write(tx -> {
      streaks.saveState(tx, scope, "b", StreakFixtures.withLength(1), null);
      return null;
    });
    assertThat(streaks.ranked(scope, StreakRepository.RankBy.LENGTH, 0, 10))
        .extracting(StreakRepository.Ranked::userId)
        .containsExactly("a", "c", "b");
    assertThat(streaks.ranked(scope, StreakRepository.RankBy.LONGEST, 0, 10))
        .containsExactly(
            new StreakRepository.Ranked("b", "Ada", 1, 7),
            new StreakRepository.Ranked("a", "Ada", 5, 5),
            new StreakRepository.Ranked("c", "Ada", 5, 5));
    assertThat(streaks.ranked(scope, StreakRepository.RankBy.LONGEST, 1, 1))
        .extracting(StreakRepository.Ranked::userId)
        .containsExactly("a");
    assertThat(streaks.ranked(otherTenant, StreakRepository.RankBy.LENGTH, 0, 10)).isEmpty();
  }

  @Test
  void pause6_pauses_are_found_by_id_in_their_scope_and_archived_once() {
    var pause =
        new dev.laurel.engine.streak.StreakPause(
            "p1", java.time.LocalDate.parse("2025-01-20"), java.time.LocalDate.parse("2025-01-22"), null);
    db.write(tx -> {
      streaks.insertPause(tx, scope, "u1", pause, T0);
      return null;
    });
    assertThat(streaks.activePauseOwner(scope, "p1")).isEqualTo("u1");
    assertThat(streaks.activePauseOwner(otherTenant, "p1")).isNull();
    boolean first = db.write(tx -> streaks.archivePause(tx, scope, "p1"));
    boolean second = db.write(tx -> streaks.archivePause(tx, scope, "p1"));
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(streaks.activePauseOwner(scope, "p1")).isNull();
  }
}
