package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.RankBy;
import dev.laurel.engine.leaderboard.RunUnit;
import dev.laurel.engine.leaderboard.Snapshot;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.store.RunArchiveRepository.FinalRank;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code laurel copy-store} carries leaderboards, entries, the run archive and snapshots. */
class LeaderboardStoreCopyTest {
  // 2025-01-15 10:30 UTC
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");
  private static final LocalDate RUN = LocalDate.parse("2025-01-13");

  @Test
  void lb7_lb9_lb34_leaderboard_tables_are_copied_into_postgres() {
    String name = TestDatabases.createPostgresDatabase();
    try (Database sqlite = TestDatabases.sqlite(); Database postgres = TestDatabases.postgres(name)) {
      Environment env = new ConfigRepository(sqlite).ensureEnvironment("production", "Production", "production", T0);
      Scope scope = Scope.defaultTenant(env.id());
      Leaderboard weekly =
          new Leaderboard(
              "00000000-0000-4000-8000-000000000001", "weekly", "Weekly", null, LeaderboardStatus.ACTIVE,
              RankBy.METRIC, "m1", null, 100, RUN, null, LocalTime.of(9, 0), null, List.of("a1"), RunUnit.DAY, 7,
              true, T0);
      LeaderboardEntry entry = new LeaderboardEntry(RUN, "3:pro", new BigDecimal("12.0000000005"), T0);
      RankingRepository rankings = new RankingRepository(sqlite);
      RunArchiveRepository archive = new RunArchiveRepository(sqlite);
      sqlite.write(tx -> {
        new LeaderboardRepository(sqlite).insert(tx, scope, weekly);
        new UserRepository(sqlite).saveProfile(
            tx, scope, new UserProfile("u1", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
        rankings.saveEntry(tx, scope, "u1", weekly.id(), entry);
        archive.finalise(tx, weekly.id(), RUN, Map.of("3:pro", List.of(new FinalRank("u1", 1, entry.value()))), T0);
        archive.saveSnapshot(tx, weekly.id(), RUN, "u1", new Snapshot(RUN, 1, 12L));
        return null;
      });

      StoreCopy.copy(sqlite, postgres);

      RunArchiveRepository copied = new RunArchiveRepository(postgres);
      assertThat(new LeaderboardRepository(postgres).leaderboards(scope)).containsExactly(weekly);
      assertThat(new UserRepository(postgres).load(scope, "u1").leaderboards().get(weekly.id())).isEqualTo(entry);
      assertThat(copied.finalRanks(weekly.id(), RUN, "3:pro", 0, 10)).containsExactly(new FinalRank("u1", 1, entry.value()));
      assertThat(copied.snapshots(weekly.id(), RUN, "u1")).containsExactly(new Snapshot(RUN, 1, 12L));
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }
}
