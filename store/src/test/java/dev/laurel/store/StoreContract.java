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

  // Points (issue 5): the checks live in PointsContract.

  private PointsContract points() {
    return new PointsContract(db, scope, otherTenant);
  }

  @Test
  void pts1_trig1_lvl1_boost1_points_configuration_round_trips() {
    points().pts1_trig1_lvl1_boost1_configuration_round_trips_in_creation_order();
  }

  @Test
  void pts16_trig18_points_archiving() {
    points().pts16_trig18_archived_systems_vanish_archived_triggers_stay_for_awards_and_keys_free_up();
  }

  @Test
  void pts1_lvl1_points_keys_and_thresholds_are_unique() {
    points().pts1_lvl1_keys_and_thresholds_are_unique_among_live_objects();
  }

  @Test
  void pts2_pts3_points_state_and_awards_round_trip() {
    points().pts2_pts3_user_state_and_awards_round_trip_exactly();
  }

  @Test
  void trig11_time_award_slots_are_stored_once() {
    points().trig10_trig11_a_time_award_slot_can_never_be_stored_twice();
  }

  @Test
  void trig10_points_sweep_finds_due_users() {
    points().trig10_the_sweep_finds_users_never_settled_or_due();
  }

  @Test
  void pts12_points_totals_of_every_user() {
    points().pts12_every_user_of_the_scope_has_a_total_zero_without_awards();
  }
}
