package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code laurel copy-store} carries achievements, completions, filtered totals and queued backdating runs. */
class AchievementStoreCopyTest {
  // 2025-01-15 10:30 UTC
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  @Test
  void cfg2_ach5_ach16_achievement_tables_are_copied_into_postgres() {
    String name = TestDatabases.createPostgresDatabase();
    try (Database sqlite = TestDatabases.sqlite(); Database postgres = TestDatabases.postgres(name)) {
      Environment env = new ConfigRepository(sqlite).ensureEnvironment("production", "Production", "production", T0);
      Scope scope = Scope.defaultTenant(env.id());
      AchievementRepository achievements = new AchievementRepository(sqlite);
      Achievement metric =
          new Achievement(
              "a1", "ten", "Ten", null, null, AchievementTrigger.METRIC, AchievementStatus.ACTIVE, "m1",
              new BigDecimal("2.5"), List.of(), null, List.of(), List.of(), "r1");
      Achievement api =
          new Achievement(
              "a2", "hello", "Hello", "Say hello", null, AchievementTrigger.API, AchievementStatus.LOCKED, null, null,
              List.of(), null, List.of(), List.of(), "r1");
      AchievementProgress progress =
          AchievementProgress.NONE
              .withCompletion(new Completion("c1", "a1", T0))
              .withFilteredTotal("a1:r1", new BigDecimal("1.25"));
      sqlite.write(tx -> {
        achievements.insert(tx, scope, metric, T0);
        achievements.insert(tx, scope, api, T0);
        new UserRepository(sqlite).saveProfile(
            tx, scope, new UserProfile("u1", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
        achievements.saveProgress(tx, scope, "u1", AchievementProgress.NONE, progress, true);
        new BackfillRepository(sqlite).enqueue(tx, scope, "a1", T0);
        return null;
      });

      StoreCopy.copy(sqlite, postgres);

      var catalog = new ConfigRepository(postgres).scopeConfig(scope, 0).achievements();
      assertThat(catalog.all()).containsExactly(metric, api);
      assertThat(new UserRepository(postgres).load(scope, "u1").achievements()).isEqualTo(progress);
      BackfillRepository queue = new BackfillRepository(postgres);
      assertThat(queue.pending()).extracting(BackfillRepository.Run::achievementId).containsExactly("a1");
      postgres.write(tx -> {
        queue.enqueue(tx, scope, "a2", T0);
        return null;
      });
      assertThat(queue.pending()).extracting(BackfillRepository.Run::achievementId).containsExactly("a1", "a2");
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }
}
