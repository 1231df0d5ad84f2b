package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The truth behind the rankings (CON-14): every user's value per leaderboard run with their group
 * (LB-9, LB-13): their latest run's in their users row's document (V13), the others in rows of
 * leaderboard_entries. The in-memory rankings are rebuilt from the entries of runs not yet finalised;
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
   * Issue 8: stores a user's entries as their state holds them ({@code after}: the latest run of
   * each leaderboard), as the users row's document (V13), in the unit of work's one {@code UPDATE}
   * of that row instead of a row per entry. The leaderboard_entries table keeps every other entry:
   * one that {@code after} no longer holds as the latest of its leaderboard becomes a row there, and
   * a row of the run that becomes the latest again goes, so that an entry is either in the document
   * or in the table, never both.
   */
  public void saveEntries(Tx tx, Scope scope, String userId, LeaderboardEntries before, LeaderboardEntries after)
      throws SQLException {
    for (Map.Entry<String, LeaderboardEntry> e : before.byLeaderboard().entrySet()) {
      LeaderboardEntry old = e.getValue();
      LeaderboardEntry now = after.get(e.getKey());
      if (now == null || !now.run().equals(old.run())) {
        saveRow(tx, scope, userId, e.getKey(), old);
        if (now != null) {
          tx.write(
              "DELETE FROM leaderboard_entries WHERE leaderboard_id = ? AND run_start = ? AND user_id = ?",
              e.getKey(),
              now.run().toString(),
              userId);
        }
      }
    }
    UserRepository.setDocument(tx, scope, userId, "leaderboards", UserTallies.writeEntries(after));
  }

  /**
   * Inserts or replaces a user's entry in one run, the user's row being read for their other
   * entries (tools and tests; requests pass their state's to {@link #saveEntries}).
   */
  public void saveEntry(Tx tx, Scope scope, String userId, String leaderboardId, LeaderboardEntry e)
      throws SQLException {
    LeaderboardEntries before = latestOf(tx.prepare(LATEST_ENTRIES), scope, userId);
    if (before == null) {
      throw new StoreException("no user " + userId + " to hold a leaderboard entry", null);
    }
    LeaderboardEntry latest = before.get(leaderboardId);
    if (latest != null && e.run().isBefore(latest.run())) {
      saveRow(tx, scope, userId, leaderboardId, e);
    } else {
      saveEntries(tx, scope, userId, before, before.with(leaderboardId, e));
    }
  }

  /** The users row's document of the user's latest entries (V13). */
  private static final String LATEST_ENTRIES = "SELECT leaderboards FROM users WHERE " + UserRepository.USER_ROW;

  /** The user's latest entries, read with {@link #LATEST_ENTRIES}; null if the user has no row. */
  private static LeaderboardEntries latestOf(PreparedStatement ps, Scope scope, String userId)
      throws SQLException {
    UserRepository.bindUser(ps, scope, userId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? UserTallies.readEntries(rs.getString(1)) : null;
    }
  }

  private static void saveRow(Tx tx, Scope scope, String userId, String leaderboardId, LeaderboardEntry e)
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
  public LeaderboardEntry entry(Scope scope, String leaderboardId, LocalDate run, String userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(LATEST_ENTRIES)) {
            LeaderboardEntries entries = latestOf(ps, scope, userId);
            LeaderboardEntry latest = entries == null ? null : entries.get(leaderboardId);
            if (latest != null && latest.run().equals(run)) {
              return latest;
            }
          }
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
   * Streams the entries of every run not yet finalised of the given leaderboards, one leaderboard
   * after another (rebuilding the rankings at start): its rows by run, in primary-key order, then the
   * users' latest entries (their rows' documents), in no order of runs or groups. Nothing is held
   * back: a million entries stream through as they are read.
   */
  public void openEntries(List<String> leaderboardIds, Consumer<StoredEntry> sink) {
    for (String id : leaderboardIds) {
      inOneSnapshot(c -> {
        Set<LocalDate> finalised = finalisedRuns(c, id);
        rows(
            c,
            id,
            null,
            "SELECT e.run_start, e.user_id, e.grp, e.value, e.reached_at FROM leaderboard_entries e"
                + " WHERE e.leaderboard_id = ? AND e.grp IS NOT NULL AND NOT EXISTS (SELECT 1"
                + " FROM leaderboard_runs r WHERE r.leaderboard_id = e.leaderboard_id"
                + " AND r.run_start = e.run_start) ORDER BY e.run_start",
            sink);
        latestEntries(c, id, e -> {
          if (!finalised.contains(e.run())) {
            sink.accept(e);
          }
        });
      });
    }
  }

  /**
   * Streams the entries of one run that are in a group (LB-7 finalisation): the rows grouped by
   * group, then the users' latest entries in the run.
   */
  public void runEntries(String leaderboardId, LocalDate run, Consumer<StoredEntry> sink) {
    inOneSnapshot(c -> {
      rows(
          c,
          leaderboardId,
          run,
          "SELECT e.run_start, e.user_id, e.grp, e.value, e.reached_at FROM leaderboard_entries e"
              + " WHERE e.leaderboard_id = ? AND e.run_start = ? AND e.grp IS NOT NULL ORDER BY e.grp",
          sink);
      latestEntries(c, leaderboardId, e -> {
        if (e.run().equals(run)) {
          sink.accept(e);
        }
      });
    });
  }

  /** Reads of one connection, in one transaction. */
  @FunctionalInterface
  private interface Reads {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code reads} in one transaction that sees one snapshot of the store (PostgreSQL:
   * repeatable read), so that an entry a request moves from its user's document to a row meanwhile
   * (the user's first event in a new run, as a run is finalised) is read once, not twice or never.
   * PostgreSQL streams the rows with a cursor inside it.
   */
  private void inOneSnapshot(Reads reads) {
    db.read(
        c -> {
          boolean autoCommit = c.getAutoCommit();
          int isolation = c.getTransactionIsolation();
          c.setAutoCommit(false);
          if (db.dialect() == Dialect.POSTGRESQL) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          }
          try {
            reads.run(c);
            return null;
          } finally {
            c.commit();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
          }
        });
  }

  /** The runs of a leaderboard already finalised (LB-7). */
  private static Set<LocalDate> finalisedRuns(Connection c, String leaderboardId) throws SQLException {
    Set<LocalDate> runs = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT run_start FROM leaderboard_runs WHERE leaderboard_id = ?")) {
      ps.setString(1, leaderboardId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(LocalDate.parse(rs.getString(1)));
        }
      }
    }
    return runs;
  }

  /** The condition selecting the users rows whose document may hold an entry of a leaderboard. */
  private static final String HOLDS_ENTRY = "leaderboards LIKE ?";

  private static String holdsEntry(String leaderboardId) {
    return "%\"" + leaderboardId + "\"%";
  }

  /** Streams the users' latest entries (their rows' documents) of a leaderboard that are in a group. */
  private static void latestEntries(Connection c, String leaderboardId, Consumer<StoredEntry> sink)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, leaderboards FROM users WHERE " + HOLDS_ENTRY)) {
      ps.setFetchSize(10_000);
      ps.setString(1, holdsEntry(leaderboardId));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LeaderboardEntry e = UserTallies.readEntries(rs.getString(2)).get(leaderboardId);
          if (e != null && e.group() != null) {
            sink.accept(
                new StoredEntry(leaderboardId, e.run(), rs.getString(1), e.group(), e.value(), e.reachedAt().toEpochMilli()));
          }
        }
      }
    }
  }

  /** Streams the rows {@code sql} selects of one leaderboard (and {@code run}, when not null). */
  private void rows(Connection c, String id, LocalDate run, String sql, Consumer<StoredEntry> sink)
      throws SQLException {
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
    }
  }

  /**
   * LB-2 with a moved start: a scheduled leaderboard's runs changed, so its early entries go (and
   * the state versions of their users are bumped, issue 8).
   */
  public void deleteEntries(Tx tx, String leaderboardId) throws SQLException {
    deleteAllEntries(tx, leaderboardId);
    try (PreparedStatement ps =
        tx.connection().prepareStatement("DELETE FROM leaderboard_snapshots WHERE leaderboard_id = ?")) {
      ps.setString(1, leaderboardId);
      ps.executeUpdate();
    }
  }

  /**
   * Removes every entry of a leaderboard: the rows, and the users' latest entries from their rows'
   * documents, bumping those users' state versions ({@link UserRepository#rewriteLocked}, as ATTR-5
   * does; the rows of earlier runs are in no user's state).
   */
  static void deleteAllEntries(Tx tx, String leaderboardId) throws SQLException {
    UserRepository.rewriteLocked(
        tx,
        "leaderboards",
        HOLDS_ENTRY,
        List.of(holdsEntry(leaderboardId)),
        document -> {
          Map<String, LeaderboardEntry> kept = new LinkedHashMap<>(UserTallies.readEntries(document).byLeaderboard());
          return kept.remove(leaderboardId) != null ? UserTallies.writeEntries(new LeaderboardEntries(kept)) : null;
        });
    try (PreparedStatement ps =
        tx.connection().prepareStatement("DELETE FROM leaderboard_entries WHERE leaderboard_id = ?")) {
      ps.setString(1, leaderboardId);
      ps.executeUpdate();
    }
  }

  /**
   * PostgreSQL: each id looked up by the whole primary key. An {@code IN} list was planned, on a
   * table not analysed since it grew (no autovacuum), as a scan of the scope's whole part of the
   * index with the list as a filter: 180 ms for 500 of 100,000 users against 7 ms (issue 8: the
   * daily snapshots' sweep and every rankings page read it). {@code LIMIT 1} keeps the lookup a
   * nested loop, which PostgreSQL would otherwise flatten into a join planned the same way.
   */
  private static final String USERS_BY_KEY =
      "SELECT u.id, u.name, u.tz FROM unnest(?) AS k(id) CROSS JOIN LATERAL"
          + " (SELECT id, name, tz FROM users WHERE env_id = ? AND tenant_id = ? AND id = k.id LIMIT 1) u";

  /** Names (LB-23 {@code userName}) and zones of users of a scope; unknown ids are left out. */
  public Map<String, UserInfo> users(Scope scope, List<String> userIds) {
    Map<String, UserInfo> out = new HashMap<>();
    for (int from = 0; from < userIds.size(); from += 500) {
      List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + 500));
      db.read(
          c -> {
            try (PreparedStatement ps = usersQuery(c, scope, chunk); ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString("id"), new UserInfo(rs.getString("name"), rs.getString("tz")));
              }
            }
            return null;
          });
    }
    return out;
  }

  /** The query of {@link #users} for one chunk of ids, bound. */
  private PreparedStatement usersQuery(Connection c, Scope scope, List<String> ids) throws SQLException {
    boolean postgres = db.dialect() == Dialect.POSTGRESQL;
    PreparedStatement ps =
        c.prepareStatement(
            postgres
                ? USERS_BY_KEY
                : "SELECT id, name, tz FROM users WHERE env_id = ? AND tenant_id = ? AND id IN ("
                    + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")");
    try {
      int next = 1;
      if (postgres) {
        ps.setArray(next++, c.createArrayOf("text", ids.toArray()));
      }
      ps.setString(next++, scope.environmentId());
      ps.setString(next++, scope.tenantId());
      for (int i = 0; !postgres && i < ids.size(); i++) {
        ps.setString(next++, ids.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }
}
