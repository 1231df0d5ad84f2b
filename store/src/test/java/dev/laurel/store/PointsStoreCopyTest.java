package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.PointsSystem;
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
import org.junit.jupiter.api.Test;

/** `laurel copy-store` moves points configuration, users' points state and awards exactly. */
class PointsStoreCopyTest {
  // 2025-01-15 10:30:00 UTC
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  @Test
  void points_tables_are_copied_into_postgres_exactly() {
    String name = TestDatabases.createPostgresDatabase();
    try (Database sqlite = TestDatabases.sqlite(); Database postgres = TestDatabases.postgres(name)) {
      Environment env = new ConfigRepository(sqlite).ensureEnvironment("production", "Production", "production", T0);
      Scope scope = Scope.defaultTenant(env.id());
      PointsConfigRepository writes = new PointsConfigRepository();
      Trigger trigger = new Trigger("t1", "s1", -5, TriggerStatus.ACTIVE, List.of(new AttributeFilter("a-plan", null, "pro")),
          new TriggerRule.Metric("m1", null, 3, List.of()), true, T0, T0, T0, 1, 2);
      Boost boost = new Boost("b1", "s1", "Boost", LocalDate.of(2025, 1, 1), null, new BigDecimal("1.25"),
          Boost.Rounding.NEAREST, null, List.of(), T0);
      PointsState state = new PointsState(Map.of("s1", 42L),
          Map.of("t1", new MetricProgress(1, 2, new BigDecimal("7.0000000001"), new BigDecimal("2"))),
          Map.of("t9", new TimeProgress(T0, 3, T0.plusSeconds(60))));
      sqlite.write(tx -> {
        writes.insertSystem(tx, scope, new PointsSystem("s1", "xp", "XP", null, null, 100L, T0));
        writes.insertTrigger(tx, scope, trigger);
        writes.insertLevel(tx, scope, new Level("l1", "s1", "bronze", "Bronze", null, null, 0, T0));
        writes.insertBoost(tx, scope, boost);
        new UserRepository(sqlite).saveProfile(tx, scope,
            new UserProfile("u1", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
        new PointsRepository(sqlite).saveState(tx, scope, "u1", null, state);
        new AwardRepository(sqlite).insertAwards(tx, scope,
            List.of(new Award("aw1", "u1", "s1", "t1", 42, 42, T0, null, List.of(boost), "time:t9:0:1")));
        return null;
      });
      new ConfigRepository(postgres).ensureEnvironment("production", "Production", "production", T0);

      Map<String, Integer> copied = StoreCopy.copy(sqlite, postgres);

      assertThat(copied).containsEntry("points_systems", 1).containsEntry("points_triggers", 1).containsEntry("points_awards", 1);
      PointsConfig config = new PointsConfigLoader(postgres).load(scope, PointsContract.NAMES);
      assertThat(config.byKey("xp").triggers().get(0).blockIfOutOfPoints()).isTrue();
      assertThat(config.byKey("xp").triggers().get(0).epoch()).isEqualTo(1);
      assertThat(config.byKey("xp").boosts().get(0).multiplier()).isEqualByComparingTo("1.25");
      assertThat(new UserRepository(postgres).load(scope, "u1").points()).isEqualTo(state);
      Award award = new AwardRepository(postgres).recentAwards(scope, "u1", "s1", 10).get(0);
      assertThat(award.dedupeKey()).isEqualTo("time:t9:0:1");
      assertThat(award.boosts().get(0).multiplier()).isEqualByComparingTo("1.25");
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }
}
