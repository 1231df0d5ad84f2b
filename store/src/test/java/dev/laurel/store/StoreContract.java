package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.achievement.Completion;
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
      users.saveTotals(
          tx, scope, "u1", Map.of("m1", new BigDecimal("12345678901.0000000001"), "m\"2", new BigDecimal("-0.50")));
      return null;
    });
    UserState state = users.load(scope, "u1");
    assertThat(state.profile()).isEqualTo(profile("u1"));
    assertThat(state.preferences()).isEqualTo(prefs);
    assertThat(state.totals())
        .isEqualTo(Map.of("m1", new BigDecimal("12345678901.0000000001"), "m\"2", new BigDecimal("-0.50")));
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

  // ---- Achievements (issue 4) ----

  private static Achievement achievement(String id, String key, List<AttributeFilter> userFilters) {
    return new Achievement(
        id, key, "Name " + key, null, "https://example.test/" + key + ".png",
        AchievementTrigger.METRIC,
        AchievementStatus.ACTIVE, "m1", new BigDecimal("2.5"),
        List.of(new AttributeFilter("at2", null, "fr")), null, List.of(),
        userFilters, "rev1");
  }

  @Test
  void cfg2_achievements_round_trip_in_creation_order_with_filter_keys_resolved() {
    AchievementRepository repo = new AchievementRepository(db);
    var userFilter = List.of(new AttributeFilter("at1", null, "pro"));
    var streak =
        new Achievement(
            "a2", "week", "Week", "Seven days", null, AchievementTrigger.STREAK,
            AchievementStatus.INACTIVE, null, null, List.of(), 7, List.of(), List.of(), "rev1");
    var composite =
        new Achievement(
            "a3", "both", "Both", null, null, AchievementTrigger.ACHIEVEMENT,
            AchievementStatus.LOCKED, null, null, List.of(), null, List.of("a2", "a1"), List.of(), "rev1");
    db.write(tx -> {
      config.insertAttribute(tx, scope, new AttributeDef("at1", "plan", "Plan", AttributeType.USER), T0);
      config.insertAttribute(tx, scope, new AttributeDef("at2", "deck", "Deck", AttributeType.EVENT), T0);
      repo.insert(tx, scope, achievement("a1", "first", userFilter), T0);
      repo.insert(tx, scope, streak, T0);
      repo.insert(tx, scope, composite, T0);
      return null;
    });
    var catalog = config.scopeConfig(scope, 0).achievements();
    assertThat(catalog.all()).extracting(Achievement::key).containsExactly("first", "week", "both");
    var first = catalog.byKey("first");
    assertThat(first.metricValue()).isEqualByComparingTo("2.5");
    assertThat(first.userFilters()).containsExactly(new AttributeFilter("at1", "plan", "pro"));
    assertThat(first.eventFilters()).containsExactly(new AttributeFilter("at2", "deck", "fr"));
    assertThat(first.badgeUrl()).isEqualTo("https://example.test/first.png");
    assertThat(catalog.byKey("week")).isEqualTo(streak);
    assertThat(catalog.byKey("both")).isEqualTo(composite);
    assertThat(config.scopeConfig(otherTenant, 0).achievements().all()).isEmpty();
    db.write(tx -> {
      repo.update(tx, scope, streak.withStatus(AchievementStatus.ACTIVE), T0);
      return null;
    });
    assertThat(config.scopeConfig(scope, 0).achievements().byKey("week").isActive()).isTrue();
  }

  @Test
  void cfg2_keys_are_unique_among_non_deleted_achievements_of_a_scope() {
    AchievementRepository repo = new AchievementRepository(db);
    db.write(tx -> {
      repo.insert(tx, scope, achievement("a1", "first", List.of()), T0);
      repo.insert(tx, otherTenant, achievement("a2", "first", List.of()), T0);
      return null;
    });
    assertThatThrownBy(() -> db.write(tx -> {
      repo.insert(tx, scope, achievement("a3", "first", List.of()), T0);
      return null;
    })).isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(db.dialect().isUniqueViolation((java.sql.SQLException) e.getCause())).isTrue());
    boolean deleted = db.write(tx -> repo.markDeleted(tx, scope, "a1"));
    boolean again = db.write(tx -> repo.markDeleted(tx, scope, "a1"));
    assertThat(deleted).isTrue();
    assertThat(again).isFalse();
    db.write(tx -> {
      repo.insert(tx, scope, achievement("a3", "first", List.of()), T0);
      return null;
    });
    assertThat(config.scopeConfig(scope, 0).achievements().byKey("first").id()).isEqualTo("a3");
  }

  @Test
  void ach5_ach6_progress_round_trips_and_a_second_completion_of_one_achievement_is_refused() {
    AchievementRepository repo = new AchievementRepository(db);
    var none = AchievementProgress.NONE;
    var done =
        none.withCompletion(new Completion("c1", "a1", T0))
            .withFilteredTotal("a1:rev1", new BigDecimal("12.5"));
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      repo.saveProgress(tx, scope, "u1", none, done, false);
      return null;
    });
    assertThat(users.load(scope, "u1").achievements()).isEqualTo(done);
    var more = done.withFilteredTotal("a1:rev1", new BigDecimal("13")).withFilteredTotal("a2:rev1", BigDecimal.ZERO);
    db.write(tx -> {
      repo.saveProgress(tx, scope, "u1", done, more, false);
      return null;
    });
    assertThat(users.load(scope, "u1").achievements()).isEqualTo(more);
    var twice = none.withCompletion(new Completion("c2", "a1", T0.plusSeconds(1)));
    assertThatThrownBy(() -> db.write(tx -> {
      repo.saveProgress(tx, scope, "u1", none, twice, false);
      return null;
    })).isInstanceOf(StoreException.class);
    db.write(tx -> {
      repo.deleteFilteredTotals(tx, scope, "a1:rev1");
      return null;
    });
    assertThat(users.load(scope, "u1").achievements().filteredTotal("a1:rev1")).isNull();
    assertThat(users.load(scope, "u1").achievements().hasCompleted("a1")).isTrue();
  }

  @Test
  void ach6_ach13_filtered_sums_from_events_and_completion_counts_per_scope() {
    AchievementRepository repo = new AchievementRepository(db);
    db.write(tx -> {
      users.insertEvent(tx, scope, event("e1", "u1", "2.5", T0, null));
      users.insertEvent(tx, scope, new StoredEvent("e2", "u1", "m1", new BigDecimal("4"), Map.of("deck", "de"), null, T0, null));
      users.insertEvent(tx, scope, new StoredEvent("e3", "u1", "m1", new BigDecimal("1"), Map.of(), null, T0, null));
      var none = AchievementProgress.NONE;
      repo.saveProgress(tx, scope, "u1", none, none.withCompletion(new Completion("c1", "a1", T0)), false);
      repo.saveProgress(tx, scope, "u2", none, none.withCompletion(new Completion("c2", "a1", T0)), true);
      repo.saveProgress(tx, otherTenant, "u1", none, none.withCompletion(new Completion("c3", "a1", T0)), false);
      return null;
    });
    var french = List.of(new AttributeFilter("at2", "deck", "fr"));
    assertThat(repo.sumOfMatchingEvents(scope, "u1", "m1", french)).isEqualByComparingTo("2.5");
    assertThat(repo.sumOfMatchingEvents(scope, "u1", "m1", List.of())).isEqualByComparingTo("7.5");
    assertThat(repo.sumOfMatchingEvents(scope, "u2", "m1", french)).isEqualByComparingTo("0");
    assertThat(repo.completionCounts(scope)).containsExactly(Map.entry("a1", 2L));
  }

  @Test
  void ach16_backdating_runs_are_queued_durably_and_users_are_paged_by_id() {
    BackfillRepository queue = new BackfillRepository(db);
    db.write(tx -> {
      queue.enqueue(tx, scope, "a1", T0);
      queue.enqueue(tx, otherTenant, "a2", T0);
      for (String id : List.of("c", "a", "b")) {
        users.saveProfile(tx, scope, profile(id), Preferences.NONE);
      }
      return null;
    });
    List<BackfillRepository.Run> runs = queue.pending();
    assertThat(runs).extracting(BackfillRepository.Run::achievementId).containsExactly("a1", "a2");
    assertThat(runs.get(1).scope()).isEqualTo(otherTenant);
    queue.delete(runs.subList(0, 1));
    assertThat(queue.pending()).extracting(BackfillRepository.Run::achievementId).containsExactly("a2");
    assertThat(queue.userIds(scope, "", 2)).containsExactly("a", "b");
    assertThat(queue.userIds(scope, "b", 2)).containsExactly("c");
    assertThat(queue.userIds(otherTenant, "", 2)).isEmpty();
  }

  // ---- Streaks ----

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
  void a_state_saved_again_replaces_the_document_and_keeps_length_longest_and_due_time_right() {
    var longer = StreakFixtures.withLength(7);
    var busy = StreakFixtures.busyState();
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      streaks.saveState(tx, scope, "u1", longer, T0);
      return null;
    });
    // Same length, same due time, a different document: only the document changes.
    var sameLength = StreakFixtures.withLength(7);
    var differentDocument = new dev.laurel.engine.streak.StreakState(
        sameLength.createdOn(), sameLength.zone(), sameLength.settledAt(), sameLength.currentDate(),
        sameLength.frequency(), sameLength.length(), sameLength.started(), sameLength.extendedAt(),
        sameLength.periodExtended(), busy.periods(), busy.activity(), sameLength.freezes(),
        sameLength.freezeLedger(), sameLength.autoEarnAnchor(), sameLength.pauses());
    db.write(tx -> {
      streaks.saveState(tx, scope, "u1", differentDocument, T0);
      return null;
    });
    assertThat(streaks.state(scope, "u1")).isEqualTo(differentDocument);
    // A shorter length and a later due time go through the full write; the longest stays 7.
    db.write(tx -> {
      streaks.saveState(tx, scope, "u1", StreakFixtures.withLength(2), T0.plusSeconds(60));
      return null;
    });
    assertThat(streaks.state(scope, "u1").length()).isEqualTo(2);
    assertThat(streaks.due(T0, 10)).isEmpty();
    assertThat(streaks.due(T0.plusSeconds(60), 10)).containsExactly(new StreakRepository.DueUser(scope, "u1"));
    assertThat(streaks.ranked(scope, StreakRepository.RankBy.LONGEST, 0, 10).getFirst().longest()).isEqualTo(7);
    assertThat(streaks.ranked(scope, StreakRepository.RankBy.LONGEST, 0, 10).getFirst().length()).isEqualTo(2);
    // No settlement any more: the due time is cleared (a change the upsert's WHERE must see).
    db.write(tx -> {
      streaks.saveState(tx, scope, "u1", StreakFixtures.withLength(2), null);
      return null;
    });
    assertThat(streaks.due(T0.plusSeconds(60), 10)).isEmpty();
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

  // ---- Streaks and achievements together ----

  @Test
  void con14_ach5_a_loaded_user_carries_both_its_achievement_progress_and_its_streak_state() {
    var state = StreakFixtures.busyState();
    var progress =
        AchievementProgress.NONE
            .withCompletion(new Completion("c1", "a1", T0))
            .withFilteredTotal("a1:rev1", new BigDecimal("3"));
    db.write(tx -> {
      users.saveProfile(tx, scope, profile("u1"), Preferences.NONE);
      new AchievementRepository(db).saveProgress(tx, scope, "u1", AchievementProgress.NONE, progress, false);
      streaks.saveState(tx, scope, "u1", state, T0);
      return null;
    });
    UserState loaded = users.load(scope, "u1");
    assertThat(loaded.achievements()).isEqualTo(progress);
    assertThat(loaded.streak()).isEqualTo(state);
    assertThat(loaded.withProfile(profile("u1")).withTotals(Map.of()).withPreferences(Preferences.NONE))
        .isEqualTo(new UserState(profile("u1"), Preferences.NONE, Map.of(), progress, state, null, null));
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
