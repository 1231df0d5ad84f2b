package dev.laurel.store;

import dev.laurel.engine.leaderboard.Snapshot;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run archive (LB-7): finalised runs with their final rankings per group, kept for ever and
 * read with {@code run=YYYY-MM-DD}; and the users' daily rank snapshots per run (LB-34).
 */
public final class RunArchiveRepository {
  private final Database db;

  public RunArchiveRepository(Database db) {
    this.db = db;
  }

  /** One participant of a finalised run. */
  public record FinalRank(String userId, int rank, BigDecimal value) {}

  /** A user's place in a finalised run. */
  public record FinalPlace(String group, int rank, BigDecimal value) {}

  /** The runs of a leaderboard that have been finalised. */
  public List<LocalDate> finalisedRuns(String leaderboardId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT run_start FROM leaderboard_runs WHERE leaderboard_id = ?")) {
            ps.setString(1, leaderboardId);
            List<LocalDate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(LocalDate.parse(rs.getString(1)));
              }
            }
            return out;
          }
        });
  }

  /**
   * LB-7: marks a run final and archives its final rankings, one list of participants per group
   * in rank order.
   */
  public void finalise(Tx tx, String leaderboardId, LocalDate run, Map<String, List<FinalRank>> byGroup, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO leaderboard_runs (leaderboard_id, run_start, finalised) VALUES (?, ?, ?)"
                    + " ON CONFLICT (leaderboard_id, run_start) DO NOTHING")) {
      ps.setString(1, leaderboardId);
      ps.setString(2, run.toString());
      ps.setLong(3, at.toEpochMilli());
      if (ps.executeUpdate() == 0) {
        return;
      }
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO leaderboard_results (leaderboard_id, run_start, grp, rank, user_id, value)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, List<FinalRank>> group : byGroup.entrySet()) {
        for (FinalRank r : group.getValue()) {
          ps.setString(1, leaderboardId);
          ps.setString(2, run.toString());
          ps.setString(3, group.getKey());
          ps.setInt(4, r.rank());
          ps.setString(5, r.userId());
          tx.dialect().setDecimal(ps, 6, r.value());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** The participants of a finalised run's group at ranks {@code offset+1 … offset+limit}. */
  public List<FinalRank> finalRanks(String leaderboardId, LocalDate run, String group, int offset, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT rank, user_id, value FROM leaderboard_results WHERE leaderboard_id = ?"
                      + " AND run_start = ? AND grp = ? AND rank > ? AND rank <= ? ORDER BY rank")) {
            ps.setString(1, leaderboardId);
            ps.setString(2, run.toString());
            ps.setString(3, group);
            ps.setLong(4, offset);
            ps.setLong(5, (long) offset + limit);
            List<FinalRank> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new FinalRank(rs.getString("user_id"), rs.getInt("rank"), db.dialect().getDecimal(rs, "value")));
              }
            }
            return out;
          }
        });
  }

  /** A user's place in a finalised run, or null when they were no participant. */
  public FinalPlace finalPlace(String leaderboardId, LocalDate run, String userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT grp, rank, value FROM leaderboard_results WHERE leaderboard_id = ?"
                      + " AND run_start = ? AND user_id = ?")) {
            ps.setString(1, leaderboardId);
            ps.setString(2, run.toString());
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? new FinalPlace(rs.getString("grp"), rs.getInt("rank"), db.dialect().getDecimal(rs, "value"))
                  : null;
            }
          }
        });
  }

  /** LB-34: persists one daily snapshot. */
  public void saveSnapshot(Tx tx, String leaderboardId, LocalDate run, String userId, Snapshot s)
      throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO leaderboard_snapshots (leaderboard_id, run_start, user_id, day, rank, value)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (leaderboard_id, run_start, user_id, day)"
                + " DO UPDATE SET rank = excluded.rank, value = excluded.value");
    ps.setString(1, leaderboardId);
    ps.setString(2, run.toString());
    ps.setString(3, userId);
    ps.setString(4, s.day().toString());
    if (s.rank() == null) {
      ps.setNull(5, Types.INTEGER);
      ps.setNull(6, Types.BIGINT);
    } else {
      ps.setInt(5, s.rank());
      ps.setLong(6, s.value());
    }
    ps.executeUpdate();
  }

  /** LB-34: a user's snapshots of one run, oldest first. */
  public List<Snapshot> snapshots(String leaderboardId, LocalDate run, String userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT day, rank, value FROM leaderboard_snapshots WHERE leaderboard_id = ?"
                      + " AND run_start = ? AND user_id = ? ORDER BY day")) {
            ps.setString(1, leaderboardId);
            ps.setString(2, run.toString());
            ps.setString(3, userId);
            List<Snapshot> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(snapshot(rs));
              }
            }
            return out;
          }
        });
  }

  /** LB-34: the latest snapshot of every user of a run who has one. */
  public Map<String, Snapshot> lastSnapshots(String leaderboardId, LocalDate run) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.user_id, s.day, s.rank, s.value FROM leaderboard_snapshots s"
                      + " WHERE s.leaderboard_id = ? AND s.run_start = ? AND s.day = (SELECT MAX(day)"
                      + " FROM leaderboard_snapshots m WHERE m.leaderboard_id = s.leaderboard_id"
                      + " AND m.run_start = s.run_start AND m.user_id = s.user_id)")) {
            ps.setString(1, leaderboardId);
            ps.setString(2, run.toString());
            Map<String, Snapshot> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString("user_id"), snapshot(rs));
              }
            }
            return out;
          }
        });
  }

  private static Snapshot snapshot(ResultSet rs) throws SQLException {
    int rank = rs.getInt("rank");
    boolean none = rs.wasNull();
    long value = rs.getLong("value");
    return new Snapshot(LocalDate.parse(rs.getString("day")), none ? null : rank, none ? null : value);
  }
}
