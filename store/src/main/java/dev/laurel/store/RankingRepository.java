package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * (LB-9, LB-13). The in-memory rankings are rebuilt from the entries of runs not yet finalised;
 * finalised runs and snapshots live in {@link RunArchiveRepository}.
 */
public final class RankingRepository {
  private final Database db;

  public RankingRepository(Database db) {
    this.db = db;
  }

  /** One stored entry, as the rankings are rebuilt from it. */
  public record StoredEntry(
      String leaderboardId, LocalDate run, String userId, String group, BigDecimal value, long reachedAt) {}

  /** A user's display name and time zone (both may be null). */
  public record UserInfo(String name, String tz) {}

  /**
   * The user's entries in the latest run of each leaderboard (their leaderboard state; parameters:
   * env_id, tenant_id, user_id), read by {@link #userEntries(ResultSet, Dialect)}.
   */
  static final String USER_ENTRIES_QUERY =
      "SELECT leaderboard_id, run_start, grp, value, reached_at FROM leaderboard_entries e"
          + UserReads.OF_USER
          + " AND run_start ="
          + " (SELECT MAX(run_start) FROM leaderboard_entries m WHERE m.env_id = e.env_id"
          + " AND m.tenant_id = e.tenant_id AND m.user_id = e.user_id"
          + " AND m.leaderboard_id = e.leaderboard_id)";

  static LeaderboardEntries userEntries(ResultSet rs, Dialect dialect) throws SQLException {
    Map<String, LeaderboardEntry> out = new LinkedHashMap<>();
    while (rs.next()) {
      out.put(
          rs.getString("leaderboard_id"),
          new LeaderboardEntry(
              LocalDate.parse(rs.getString("run_start")),
              rs.getString("grp"),
              dialect.getDecimal(rs, "value"),
              Instant.ofEpochMilli(rs.getLong("reached_at"))));
    }
    return out.isEmpty() ? LeaderboardEntries.EMPTY : new LeaderboardEntries(out);
  }

  /** Inserts or replaces a user's entry in one run. */
  public void saveEntry(Tx tx, Scope scope, String userId, String leaderboardId, LeaderboardEntry e)
      throws SQLException {
    tx.write(
        "INSERT INTO leaderboard_entries (leaderboard_id, run_start, user_id, env_id, tenant_id,"
            + " grp, value, reached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (leaderboard_id, run_start, user_id) DO UPDATE SET grp = excluded.grp,"
            + " value = excluded.value, reached_at = excluded.reached_at",
        leaderboardId,
        e.run().toString(),
        userId,
        scope.environmentId(),
        scope.tenantId(),
        e.group(),
        e.value(),
        e.reachedAt().toEpochMilli());
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
   * leaderboard and run, in primary-key order (rebuilding the rankings at start). The groups of a
   * run come interleaved: ordering them too would sort every entry.
   */
  public void openEntries(List<String> leaderboardIds, Consumer<StoredEntry> sink) {
    for (String id : leaderboardIds) {
      stream(
          id,
          null,
          "SELECT e.run_start, e.user_id, e.grp, e.value, e.reached_at FROM leaderboard_entries e"
              + " WHERE e.leaderboard_id = ? AND e.grp IS NOT NULL AND NOT EXISTS (SELECT 1"
              + " FROM leaderboard_runs r WHERE r.leaderboard_id = e.leaderboard_id"
              + " AND r.run_start = e.run_start) ORDER BY e.run_start",
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
              String runText = null;
              LocalDate runDate = null;
              while (rs.next()) {
                String text = rs.getString("run_start");
                if (!text.equals(runText)) { // rows come by run: parse each run's date once
                  runText = text;
                  runDate = LocalDate.parse(text);
                }
                sink.accept(
                    new StoredEntry(
                        id,
                        runDate,
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

  /**
   * LB-2 with a moved start: a scheduled leaderboard's runs changed, so its early entries go (and
   * the state versions of their users are bumped, issue 8).
   */
  public void deleteEntries(Tx tx, String leaderboardId) throws SQLException {
    bumpEntryOwners(tx, leaderboardId);
    for (String table : List.of("leaderboard_entries", "leaderboard_snapshots")) {
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM " + table + " WHERE leaderboard_id = ?")) {
        ps.setString(1, leaderboardId);
        ps.executeUpdate();
      }
    }
  }

  /** Issue 8: the users with an entry in the leaderboard will not reuse a state kept in memory. */
  static void bumpEntryOwners(Tx tx, String leaderboardId) throws SQLException {
    UserRepository.bumpStateVersions(
        tx,
        "SELECT env_id, tenant_id, user_id FROM leaderboard_entries WHERE leaderboard_id = ?",
        leaderboardId);
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
}
