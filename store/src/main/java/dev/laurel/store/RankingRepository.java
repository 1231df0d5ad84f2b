package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.leaderboard.Snapshot;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The truth behind the rankings (CON-14): every user's value per leaderboard run with their group
 * (LB-9, LB-13), the finalised runs and their final rankings (LB-7), and daily rank snapshots
 * (LB-34). The in-memory rankings are rebuilt from the entries of runs not yet finalised.
 */
public final class RankingRepository {
  private final Database db;

  public RankingRepository(Database db) {
    this.db = db;
  }

  /** One stored entry, as the rankings are rebuilt from it. */
  public record StoredEntry(
      String leaderboardId, LocalDate run, String userId, String group, BigDecimal value, long reachedAt) {}

  /** One participant of a finalised run. */
  public record FinalRank(String userId, int rank, BigDecimal value) {}

  /** A user's place in a finalised run. */
  public record FinalPlace(String group, int rank, BigDecimal value) {}

  /** A user's display name and time zone (both may be null). */
  public record UserInfo(String name, String tz) {}

  /** The user's entries in the latest run of each leaderboard (their leaderboard state). */
  public static LeaderboardEntries userEntries(Connection c, Dialect dialect, Scope scope, String userId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT leaderboard_id, run_start, grp, value, reached_at FROM leaderboard_entries e"
                + " WHERE env_id = ? AND tenant_id = ? AND user_id = ? AND run_start ="
                + " (SELECT MAX(run_start) FROM leaderboard_entries m WHERE m.env_id = e.env_id"
                + " AND m.tenant_id = e.tenant_id AND m.user_id = e.user_id"
                + " AND m.leaderboard_id = e.leaderboard_id)")) {
      ps.setString(1, scope.environmentId());
      ps.setString(2, scope.tenantId());
      ps.setString(3, userId);
      Map<String, LeaderboardEntry> out = new LinkedHashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString("leaderboard_id"),
              new LeaderboardEntry(
                  LocalDate.parse(rs.getString("run_start")),
                  rs.getString("grp"),
                  dialect.getDecimal(rs, "value"),
                  Instant.ofEpochMilli(rs.getLong("reached_at"))));
        }
      }
      return out.isEmpty() ? LeaderboardEntries.EMPTY : new LeaderboardEntries(out);
    }
  }

  /** Inserts or replaces a user's entry in one run. */
  public void saveEntry(Tx tx, Scope scope, String userId, String leaderboardId, LeaderboardEntry e)
      throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO leaderboard_entries (leaderboard_id, run_start, user_id, env_id, tenant_id,"
                + " grp, value, reached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (leaderboard_id, run_start, user_id) DO UPDATE SET grp = excluded.grp,"
                + " value = excluded.value, reached_at = excluded.reached_at");
    ps.setString(1, leaderboardId);
    ps.setString(2, e.run().toString());
    ps.setString(3, userId);
    ps.setString(4, scope.environmentId());
    ps.setString(5, scope.tenantId());
    ps.setString(6, e.group());
    tx.dialect().setDecimal(ps, 7, e.value());
    ps.setLong(8, e.reachedAt().toEpochMilli());
    ps.executeUpdate();
  }

  /** A user's stored entry in one run, or null. */
  public LeaderboardEntry entry(String leaderboardId, LocalDate run, String userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT grp, value, reached_at FROM leaderboard_entries WHERE leaderboard_id = ?"
                      + " AND run_start = ? AND user_id = ?")) {
            ps.setString(1, leaderboardId);
            ps.setString(2, run.toString());
            ps.setString(3, userId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? new LeaderboardEntry(
                      run, rs.getString("grp"), db.dialect().getDecimal(rs, "value"),
                      Instant.ofEpochMilli(rs.getLong("reached_at")))
                  : null;
            }
          }
        });
  }

  /**
   * Streams the entries of every run not yet finalised of the given leaderboards, grouped by
   * leaderboard, run and group (rebuilding the rankings at start).
   */
  public void openEntries(List<String> leaderboardIds, Consumer<StoredEntry> sink) {
    for (String id : leaderboardIds) {
      stream(
          id,
          null,
          "SELECT e.run_start, e.user_id, e.grp, e.value, e.reached_at FROM leaderboard_entries e"
              + " WHERE e.leaderboard_id = ? AND e.grp IS NOT NULL AND NOT EXISTS (SELECT 1"
              + " FROM leaderboard_runs r WHERE r.leaderboard_id = e.leaderboard_id"
              + " AND r.run_start = e.run_start) ORDER BY e.run_start, e.grp",
          sink);
    }
  }

  /** Streams the entries of one run that are in a group, grouped by group (LB-7 finalisation). */
  public void runEntries(String leaderboardId, LocalDate run, Consumer<StoredEntry> sink) {
    stream(
        leaderboardId,
        run,
        "SELECT e.run_start, e.user_id, e.grp, e.value, e.reached_at FROM leaderboard_entries e"
            + " WHERE e.leaderboard_id = ? AND e.run_start = ? AND e.grp IS NOT NULL ORDER BY e.grp",
        sink);
  }

  private void stream(String id, LocalDate run, String sql, Consumer<StoredEntry> sink) {
    db.read(
        c -> {
          boolean autoCommit = c.getAutoCommit();
          c.setAutoCommit(false); // lets PostgreSQL stream the rows with a cursor
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            ps.setString(1, id);
            if (run != null) {
              ps.setString(2, run.toString());
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                sink.accept(
                    new StoredEntry(
                        id,
                        LocalDate.parse(rs.getString("run_start")),
                        rs.getString("user_id"),
                        rs.getString("grp"),
                        db.dialect().getDecimal(rs, "value"),
                        rs.getLong("reached_at")));
              }
            }
            return null;
          } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
          }
        });
  }

  /** LB-2 with a moved start: a scheduled leaderboard's runs changed, so its early entries go. */
  public void deleteEntries(Tx tx, String leaderboardId) throws SQLException {
    for (String table : List.of("leaderboard_entries", "leaderboard_snapshots")) {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM " + table + " WHERE leaderboard_id = ?")) {
        ps.setString(1, leaderboardId);
        ps.executeUpdate();
      }
    }
  }

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

  /** Names (LB-23 {@code userName}) and zones of users of a scope; unknown ids are left out. */
  public Map<String, UserInfo> users(Scope scope, List<String> userIds) {
    Map<String, UserInfo> out = new HashMap<>();
    for (int from = 0; from < userIds.size(); from += 500) {
      List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + 500));
      db.read(
          c -> {
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT id, name, tz FROM users WHERE env_id = ? AND tenant_id = ? AND id IN (" + marks + ")")) {
              ps.setString(1, scope.environmentId());
              ps.setString(2, scope.tenantId());
              for (int i = 0; i < chunk.size(); i++) {
                ps.setString(3 + i, chunk.get(i));
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.put(rs.getString("id"), new UserInfo(rs.getString("name"), rs.getString("tz")));
                }
              }
            }
            return null;
          });
    }
    return out;
  }

  private static Snapshot snapshot(ResultSet rs) throws SQLException {
    int rank = rs.getInt("rank");
    boolean none = rs.wasNull();
    long value = rs.getLong("value");
    return new Snapshot(LocalDate.parse(rs.getString("day")), none ? null : rank, none ? null : value);
  }
}
