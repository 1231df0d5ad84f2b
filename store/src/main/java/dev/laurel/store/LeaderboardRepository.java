package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.RankBy;
import dev.laurel.engine.leaderboard.RunUnit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaderboard definitions (LB-1, LB-35..LB-39). Deleting one removes its rankings, archive and
 * history with it (LB-39); its key becomes free.
 */
public final class LeaderboardRepository {
  private static final String COLUMNS =
      "id, key, name, description, status, rank_by, metric_id, points_system_id, max_participants,"
          + " start_date, end_date, start_time, end_time, breakdown_attributes, run_unit,"
          + " run_interval, activated, created";

  private final Database db;

  public LeaderboardRepository(Database db) {
    this.db = db;
  }

  /** The scope's leaderboards of every status, in creation order. */
  public List<Leaderboard> leaderboards(Scope scope) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM leaderboards WHERE env_id = ? AND tenant_id = ? ORDER BY seq")) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            List<Leaderboard> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(leaderboard(rs));
              }
            }
            return out;
          }
        });
  }

  /** Every scope holding at least one leaderboard (rankings are rebuilt for these at start). */
  public List<Scope> scopes() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT DISTINCT env_id, tenant_id FROM leaderboards");
              ResultSet rs = ps.executeQuery()) {
            List<Scope> out = new ArrayList<>();
            while (rs.next()) {
              out.add(new Scope(rs.getString(1), rs.getString(2)));
            }
            return out;
          }
        });
  }

  public void insert(Tx tx, Scope scope, Leaderboard lb) throws SQLException {
    long seq;
    try (PreparedStatement ps =
            tx.connection().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM leaderboards");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seq = rs.getLong(1);
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO leaderboards (" + COLUMNS + ", env_id, tenant_id, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = bind(ps, lb);
      ps.setString(i++, scope.environmentId());
      ps.setString(i++, scope.tenantId());
      ps.setLong(i, seq);
      ps.executeUpdate();
    }
  }

  /** Replaces a definition (matched by id); its creation order is kept. */
  public void update(Tx tx, Leaderboard lb) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE leaderboards SET id = ?, key = ?, name = ?, description = ?, status = ?,"
                    + " rank_by = ?, metric_id = ?, points_system_id = ?, max_participants = ?,"
                    + " start_date = ?, end_date = ?, start_time = ?, end_time = ?,"
                    + " breakdown_attributes = ?, run_unit = ?, run_interval = ?, activated = ?,"
                    + " created = ? WHERE id = ?")) {
      int i = bind(ps, lb);
      ps.setString(i, lb.id());
      ps.executeUpdate();
    }
  }

  /**
   * LB-39: removes a leaderboard with its entries, runs, final rankings and snapshots (bumping the
   * state versions of the users with an entry, issue 8).
   */
  public boolean delete(Tx tx, Scope scope, String id) throws SQLException {
    RankingRepository.deleteAllEntries(tx, id);
    for (String table : List.of("leaderboard_runs", "leaderboard_results", "leaderboard_snapshots")) {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM " + table + " WHERE leaderboard_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement("DELETE FROM leaderboards WHERE id = ? AND env_id = ? AND tenant_id = ?")) {
      ps.setString(1, id);
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      return ps.executeUpdate() == 1;
    }
  }

  private static int bind(PreparedStatement ps, Leaderboard lb) throws SQLException {
    int i = 1;
    ps.setString(i++, lb.id());
    ps.setString(i++, lb.key());
    ps.setString(i++, lb.name());
    ps.setString(i++, lb.description());
    ps.setString(i++, lb.status().wire());
    ps.setString(i++, lb.rankBy().wire());
    ps.setString(i++, lb.metricId());
    ps.setString(i++, lb.pointsSystemId());
    ps.setInt(i++, lb.maxParticipants());
    ps.setString(i++, lb.start().toString());
    ps.setString(i++, lb.end() == null ? null : lb.end().toString());
    ps.setString(i++, lb.startTime() == null ? null : lb.startTime().toString());
    ps.setString(i++, lb.endTime() == null ? null : lb.endTime().toString());
    ps.setString(i++, Json.write(lb.breakdownAttributes()));
    ps.setString(i++, lb.runUnit() == null ? null : lb.runUnit().wire());
    if (lb.runInterval() == null) {
      ps.setNull(i++, Types.INTEGER);
    } else {
      ps.setInt(i++, lb.runInterval());
    }
    ps.setBoolean(i++, lb.activated());
    ps.setLong(i++, lb.created().toEpochMilli());
    return i;
  }

  private static Leaderboard leaderboard(ResultSet rs) throws SQLException {
    int interval = rs.getInt("run_interval");
    Integer runInterval = rs.wasNull() ? null : interval;
    return new Leaderboard(
        rs.getString("id"),
        rs.getString("key"),
        rs.getString("name"),
        rs.getString("description"),
        LeaderboardStatus.fromWire(rs.getString("status")),
        RankBy.fromWire(rs.getString("rank_by")),
        rs.getString("metric_id"),
        rs.getString("points_system_id"),
        rs.getInt("max_participants"),
        LocalDate.parse(rs.getString("start_date")),
        date(rs.getString("end_date")),
        time(rs.getString("start_time")),
        time(rs.getString("end_time")),
        Json.stringList(rs.getString("breakdown_attributes")),
        RunUnit.fromWire(rs.getString("run_unit")),
        runInterval,
        rs.getBoolean("activated"),
        Instant.ofEpochMilli(rs.getLong("created")));
  }

  private static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  private static LocalTime time(String s) {
    return s == null ? null : LocalTime.parse(s);
  }
}
