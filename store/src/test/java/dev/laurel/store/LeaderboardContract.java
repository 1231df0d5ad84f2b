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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The leaderboard part of the store port, run against every database (STYLE: no mocks). */
abstract class LeaderboardContract {
  // 2025-01-15 10:30:00 UTC
  static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");
  static final LocalDate JAN_13 = LocalDate.parse("2025-01-13");
  static final LocalDate JAN_14 = LocalDate.parse("2025-01-14");

  Database db;
  LeaderboardRepository boards;
  RankingRepository rankings;
  RunArchiveRepository archive;
  UserRepository users;
  Scope scope;

  abstract Database open();

  void cleanUp() {}

  @BeforeEach
  void setUp() {
    db = open();
    boards = new LeaderboardRepository(db);
    rankings = new RankingRepository(db);
    archive = new RunArchiveRepository(db);
    users = new UserRepository(db);
    ConfigRepository config = new ConfigRepository(db);
    scope = Scope.defaultTenant(config.ensureEnvironment("production", "Production", "production", T0).id());
  }

  @AfterEach
  void tearDown() {
    db.close();
    cleanUp();
  }

  private static Leaderboard weekly(String id, String key) {
    return new Leaderboard(
        id, key, "Weekly", "Most cards", LeaderboardStatus.ACTIVE, RankBy.METRIC, "m1", null, 100,
        LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"), LocalTime.of(9, 0),
        LocalTime.of(17, 30, 15), List.of("a-plan", "a-country"), RunUnit.DAY, 7, true, T0);
  }

  private static LeaderboardEntry entry(String run, String group, String value, Instant reached) {
    return new LeaderboardEntry(LocalDate.parse(run), group, new BigDecimal(value), reached);
  }

  private void write(Sql.TxWork<?> work) {
    db.write(work);
  }

  private void createUsers(String... ids) {
    write(tx -> {
      for (String id : ids) {
        users.saveProfile(tx, scope, new UserProfile(id, null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      }
      return null;
    });
  }

  /** The rows of leaderboard_entries of a leaderboard, as "user run value". */
  private List<String> rows(String leaderboardId) {
    return db.read(c -> {
      List<String> out = new ArrayList<>();
      try (var ps = c.prepareStatement(
          "SELECT user_id, run_start, value FROM leaderboard_entries WHERE leaderboard_id = ? ORDER BY user_id, run_start")) {
        ps.setString(1, leaderboardId);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1) + " " + rs.getString(2) + " " + db.dialect().getDecimal(rs, "value").toPlainString());
          }
        }
      }
      return out;
    });
  }

  @Test
  void lb35_definitions_round_trip_in_creation_order() {
    Leaderboard a = weekly("00000000-0000-4000-8000-000000000001", "weekly");
    Leaderboard b =
        new Leaderboard(
            "00000000-0000-4000-8000-000000000002", "streaks", "Streaks", null, LeaderboardStatus.INACTIVE,
            RankBy.STREAK, null, null, 1000, LocalDate.parse("2025-01-01"), null, null, null, List.of(),
            null, null, false, T0);
    write(tx -> {
      boards.insert(tx, scope, a);
      boards.insert(tx, scope, b);
      return null;
    });
    assertThat(boards.leaderboards(scope)).containsExactly(a, b);
    Leaderboard renamed = b.withStatus(LeaderboardStatus.ACTIVE);
    write(tx -> {
      boards.update(tx, renamed);
      return null;
    });
    assertThat(boards.leaderboards(scope)).containsExactly(a, renamed);
    assertThat(boards.scopes()).containsExactly(scope);
  }

  @Test
  void lb9_a_users_state_holds_their_entry_in_the_latest_run_of_each_leaderboard() {
    write(tx -> {
      users.saveProfile(tx, scope, new UserProfile("u1", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      rankings.saveEntry(tx, scope, "u1", "lb1", entry("2025-01-01", "", "12.5", T0));
      rankings.saveEntry(tx, scope, "u1", "lb1", entry("2025-01-08", "", "3", T0.plusSeconds(1)));
      rankings.saveEntry(tx, scope, "u1", "lb2", entry("2025-01-01", null, "7", T0));
      rankings.saveEntry(tx, scope, "u1", "lb1", entry("2025-01-08", "", "4.0000000001", T0.plusSeconds(2)));
      return null;
    });
    var state = users.load(scope, "u1").leaderboards();
    assertThat(state.get("lb1")).isEqualTo(entry("2025-01-08", "", "4.0000000001", T0.plusSeconds(2)));
    assertThat(state.get("lb2").group()).isNull();
    assertThat(rankings.entry(scope, "lb1", LocalDate.parse("2025-01-01"), "u1").value()).isEqualByComparingTo("12.5");
    assertThat(rankings.entry(scope, "lb1", LocalDate.parse("2025-01-08"), "u1").value()).isEqualByComparingTo("4.0000000001");
    assertThat(rankings.entry(scope, "lb1", LocalDate.parse("2025-01-15"), "u1")).isNull();
  }

  @Test
  void issue8_the_latest_entry_of_each_leaderboard_is_in_the_users_row_every_other_in_a_row() {
    createUsers("u1");
    LeaderboardEntry run1 = entry("2025-01-01", "", "12.5", T0);
    LeaderboardEntry run2 = entry("2025-01-08", "pro", "3", T0.plusSeconds(1));
    var none = dev.laurel.engine.leaderboard.LeaderboardEntries.EMPTY;
    write(tx -> {
      rankings.saveEntries(tx, scope, "u1", none, none.with("lb1", run1));
      return null;
    });
    assertThat(rows("lb1")).isEmpty();
    assertThat(users.load(scope, "u1").leaderboards().get("lb1")).isEqualTo(run1);
    write(tx -> {
      rankings.saveEntries(tx, scope, "u1", none.with("lb1", run1), none.with("lb1", run2));
      return null;
    });
    assertThat(rows("lb1")).containsExactly("u1 2025-01-01 12.5"); // the earlier run became a row
    assertThat(users.load(scope, "u1").leaderboards().get("lb1")).isEqualTo(run2);
    assertThat(rankings.entry(scope, "lb1", run1.run(), "u1")).isEqualTo(run1);
    assertThat(rankings.entry(scope, "lb1", run2.run(), "u1")).isEqualTo(run2);
    // back to the earlier run as the latest: its row goes, the later run's entry becomes one
    LeaderboardEntry again = entry("2025-01-01", "", "13", T0.plusSeconds(2));
    write(tx -> {
      rankings.saveEntries(tx, scope, "u1", none.with("lb1", run2), none.with("lb1", again));
      return null;
    });
    assertThat(rows("lb1")).containsExactly("u1 2025-01-08 3");
    assertThat(rankings.entry(scope, "lb1", run1.run(), "u1")).isEqualTo(again);
    // an entry the state drops is kept as a row
    write(tx -> {
      rankings.saveEntries(tx, scope, "u1", none.with("lb1", again), none.with("lb2", run2));
      return null;
    });
    assertThat(rows("lb1")).containsExactly("u1 2025-01-01 13", "u1 2025-01-08 3");
    assertThat(users.load(scope, "u1").leaderboards().byLeaderboard()).containsOnlyKeys("lb2");
  }

  @Test
  void issue8_rankings_are_rebuilt_from_rows_and_users_rows_one_leaderboard_after_another() {
    createUsers("a", "b", "c");
    write(tx -> {
      rankings.saveEntry(tx, scope, "a", "lb1", entry("2025-01-01", "", "5", T0));
      rankings.saveEntry(tx, scope, "a", "lb1", entry("2025-01-08", "", "6", T0)); // run 1 a row now
      rankings.saveEntry(tx, scope, "b", "lb1", entry("2025-01-01", "", "9", T0)); // b's latest
      rankings.saveEntry(tx, scope, "c", "lb1", entry("2025-01-15", "", "1", T0));
      rankings.saveEntry(tx, scope, "c", "lb1", entry("2025-01-08", "", "2", T0)); // earlier than c's latest: a row
      return null;
    });
    List<String> open = new ArrayList<>();
    rankings.openEntries(List.of("lb1", "lb2"), e -> open.add(e.leaderboardId() + " " + e.run() + " " + e.userId()));
    // the rows first (a's and c's earlier runs), then the users' latest entries
    assertThat(open.subList(0, 2)).containsExactly("lb1 2025-01-01 a", "lb1 2025-01-08 c");
    assertThat(open.subList(2, 5))
        .containsExactlyInAnyOrder("lb1 2025-01-08 a", "lb1 2025-01-01 b", "lb1 2025-01-15 c");
    assertThat(open).hasSize(5);
    List<String> run2 = new ArrayList<>();
    rankings.runEntries("lb1", LocalDate.parse("2025-01-08"), e -> run2.add(e.userId() + " " + e.value()));
    assertThat(run2).containsExactlyInAnyOrder("a 6", "c 2");
  }

  @Test
  void lb7_finalised_runs_keep_their_final_rankings_and_are_not_rebuilt() {
    LocalDate run1 = LocalDate.parse("2025-01-01");
    LocalDate run2 = LocalDate.parse("2025-01-08");
    createUsers("a", "b", "c");
    write(tx -> {
      rankings.saveEntry(tx, scope, "a", "lb1", entry("2025-01-01", "", "5", T0));
      rankings.saveEntry(tx, scope, "b", "lb1", entry("2025-01-01", "", "9", T0));
      rankings.saveEntry(tx, scope, "a", "lb1", entry("2025-01-08", "", "1", T0));
      rankings.saveEntry(tx, scope, "c", "lb1", entry("2025-01-08", null, "1", T0));
      archive.finalise(tx, "lb1", run1, Map.of("", List.of(new FinalRank("b", 1, new BigDecimal("9")), new FinalRank("a", 2, new BigDecimal("5")))), T0);
      archive.finalise(tx, "lb1", run1, Map.of("", List.of()), T0); // idempotent
      return null;
    });
    assertThat(archive.finalisedRuns("lb1")).containsExactly(run1);
    assertThat(archive.finalRanks("lb1", run1, "", 1, 10)).containsExactly(new FinalRank("a", 2, new BigDecimal("5")));
    assertThat(archive.finalPlace("lb1", run1, "b").rank()).isEqualTo(1);
    assertThat(archive.finalPlace("lb1", run1, "c")).isNull();
    List<RankingRepository.StoredEntry> open = new ArrayList<>();
    rankings.openEntries(List.of("lb1"), open::add);
    assertThat(open).extracting(RankingRepository.StoredEntry::userId).containsExactly("a"); // c has no group
    assertThat(open.getFirst().run()).isEqualTo(run2);
    List<RankingRepository.StoredEntry> archived = new ArrayList<>();
    rankings.runEntries("lb1", run1, archived::add);
    assertThat(archived).extracting(RankingRepository.StoredEntry::userId).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void lb7_an_entry_moved_to_a_row_while_its_run_is_read_is_read_once() {
    createUsers("a", "b", "c");
    LocalDate run1 = LocalDate.parse("2025-01-01");
    write(tx -> {
      rankings.saveEntry(tx, scope, "c", "lb1", entry("2025-01-01", "", "2", T0));
      rankings.saveEntry(tx, scope, "c", "lb1", entry("2025-01-08", "", "1", T0)); // run 1 a row
      rankings.saveEntry(tx, scope, "a", "lb1", entry("2025-01-01", "", "5", T0));
      rankings.saveEntry(tx, scope, "b", "lb1", entry("2025-01-01", "", "9", T0));
      return null;
    });
    for (boolean open : new boolean[] {false, true}) {
      String mover = open ? "b" : "a";
      List<String> seen = new ArrayList<>();
      Consumer<RankingRepository.StoredEntry> sink = e -> {
        if (seen.isEmpty()) { // the mover's first event in the next run, committed as the run is read
          write(tx -> {
            rankings.saveEntry(tx, scope, mover, "lb1", entry("2025-01-08", "", "1", T0));
            return null;
          });
        }
        if (e.run().equals(run1)) {
          seen.add(e.userId());
        }
      };
      if (open) {
        rankings.openEntries(List.of("lb1"), sink);
      } else {
        rankings.runEntries("lb1", run1, sink);
      }
      assertThat(seen).as(open ? "rebuild" : "finalisation").containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void lb34_snapshots_per_user_and_run_oldest_first_with_the_latest_per_user() {
    LocalDate run = LocalDate.parse("2025-01-01");
    write(tx -> {
      archive.saveSnapshot(tx, "lb1", run, "a", new Snapshot(JAN_14, null, null));
      archive.saveSnapshot(tx, "lb1", run, "a", new Snapshot(JAN_13, 2, 40L));
      archive.saveSnapshot(tx, "lb1", run, "b", new Snapshot(JAN_13, 1, 50L));
      return null;
    });
    assertThat(archive.snapshots("lb1", run, "a"))
        .containsExactly(new Snapshot(JAN_13, 2, 40L), new Snapshot(JAN_14, null, null));
    assertThat(archive.lastSnapshots("lb1", run))
        .containsEntry("a", new Snapshot(JAN_14, null, null))
        .containsEntry("b", new Snapshot(JAN_13, 1, 50L));
  }

  @Test
  void lb39_deleting_a_leaderboard_removes_its_rankings_archive_and_history() {
    Leaderboard a = weekly("00000000-0000-4000-8000-000000000001", "weekly");
    LocalDate run = LocalDate.parse("2025-01-01");
    createUsers("u", "v");
    write(tx -> {
      boards.insert(tx, scope, a);
      rankings.saveEntry(tx, scope, "v", a.id(), entry("2024-12-25", "", "2", T0));
      rankings.saveEntry(tx, scope, "v", "other", entry("2025-01-01", "", "3", T0));
      rankings.saveEntry(tx, scope, "u", a.id(), entry("2025-01-01", "", "5", T0));
      archive.finalise(tx, a.id(), run, Map.of("", List.of(new FinalRank("u", 1, BigDecimal.ONE))), T0);
      archive.saveSnapshot(tx, a.id(), run, "u", new Snapshot(JAN_13, 1, 5L));
      return null;
    });
    boolean deleted = db.write(tx -> boards.delete(tx, scope, a.id()));
    assertThat(deleted).isTrue();
    assertThat(boards.leaderboards(scope)).isEmpty();
    assertThat(rankings.entry(scope, a.id(), run, "u")).isNull();
    assertThat(rankings.entry(scope, a.id(), LocalDate.parse("2024-12-25"), "v")).isNull();
    assertThat(rows(a.id())).isEmpty();
    assertThat(users.load(scope, "u").leaderboards().byLeaderboard()).isEmpty();
    assertThat(users.load(scope, "v").leaderboards().byLeaderboard()).containsOnlyKeys("other");
    assertThat(archive.finalisedRuns(a.id())).isEmpty();
    assertThat(archive.snapshots(a.id(), run, "u")).isEmpty();
    write(tx -> {
      boards.insert(tx, scope, weekly("00000000-0000-4000-8000-000000000003", "weekly")); // key free again
      return null;
    });
  }

  @Test
  void lb23_user_names_and_zones_are_looked_up_in_bulk() {
    write(tx -> {
      users.saveProfile(tx, scope, new UserProfile("u1", null, "Ada", "Europe/London", List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      users.saveProfile(tx, scope, new UserProfile("u2", null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE);
      return null;
    });
    assertThat(rankings.users(scope, List.of("u1", "u2", "nobody")))
        .containsOnlyKeys("u1", "u2")
        .containsEntry("u1", new RankingRepository.UserInfo("Ada", "Europe/London"));
    // Over several queries (500 ids each), and in the scope asked for only.
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      many.add(i == 700 ? "u1" : "nobody" + i);
    }
    many.add("u2");
    assertThat(rankings.users(scope, many)).containsOnlyKeys("u1", "u2");
    assertThat(rankings.users(Scope.defaultTenant("another-env"), many)).isEmpty();
  }
}
