package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.leaderboard.LeaderboardEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8, migration V13 (each user's entry in the latest run of each leaderboard moved into the
 * users row): the entries stored under V12 load the same after the upgrade, on both backends, the
 * earlier runs' entries stay rows, and the rankings are rebuilt from both.
 */
class MigrationV13Test extends UpgradeContract {
  private static final LocalDate RUN1 = LocalDate.parse("2025-01-01");
  private static final LocalDate RUN2 = LocalDate.parse("2025-01-08");

  @Override
  String fromVersion() {
    return "12";
  }

  @Override
  void writeRows(Connection c) throws Exception {
    boolean sqlite = c.getMetaData().getURL().startsWith("jdbc:sqlite");
    Dialect dialect = sqlite ? Dialect.SQLITE : Dialect.POSTGRESQL;
    insertUsers(c, null, "u1", "u2", "u3");
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO leaderboard_entries (leaderboard_id, run_start, user_id, env_id, tenant_id, grp, value,"
            + " reached_at) VALUES (?, ?, ?, 'env', '', ?, ?, ?)")) {
      Object[][] rows = {
        {"lb1", RUN1, "u1", "", "12.5"},
        {"lb1", RUN2, "u1", "", "4.0000000001"},
        {"lb2", RUN1, "u1", null, "7"},
        {"lb1", RUN1, "u2", "3:pro", "-0.50"},
      };
      for (Object[] r : rows) {
        ps.setString(1, (String) r[0]);
        ps.setString(2, r[1].toString());
        ps.setString(3, (String) r[2]);
        ps.setString(4, (String) r[3]);
        dialect.setDecimal(ps, 5, new BigDecimal((String) r[4]));
        ps.setLong(6, T0.toEpochMilli());
        ps.executeUpdate();
      }
    }
  }

  @Override
  void checkUpgraded(Database db) throws Exception {
    UserRepository users = new UserRepository(db);
    RankingRepository rankings = new RankingRepository(db);
    var u1 = users.load(SCOPE, "u1").leaderboards();
    assertThat(u1.get("lb1")).isEqualTo(new LeaderboardEntry(RUN2, "", new BigDecimal("4.0000000001"), T0));
    assertThat(u1.get("lb2")).isEqualTo(new LeaderboardEntry(RUN1, null, new BigDecimal("7"), T0));
    assertThat(users.load(SCOPE, "u2").leaderboards().get("lb1").value()).isEqualByComparingTo("-0.5");
    assertThat(users.load(SCOPE, "u2").leaderboards().get("lb1").group()).isEqualTo("3:pro");
    assertThat(users.load(SCOPE, "u3").leaderboards().byLeaderboard()).isEmpty();
    // the earlier run stays a row; the latest ones are no longer rows
    assertThat(rankings.entry(SCOPE, "lb1", RUN1, "u1").value()).isEqualByComparingTo("12.5");
    int rows = db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM leaderboard_entries")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertThat(rows).isEqualTo(1);
    List<String> open = new ArrayList<>();
    rankings.openEntries(List.of("lb1", "lb2"), e -> open.add(e.leaderboardId() + " " + e.run() + " " + e.userId()));
    assertThat(open) // lb2's entry has no group
        .containsExactlyInAnyOrder("lb1 2025-01-01 u1", "lb1 2025-01-01 u2", "lb1 2025-01-08 u1");
  }
}
