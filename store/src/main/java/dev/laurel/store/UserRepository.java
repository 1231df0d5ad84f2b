package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Users, their totals and their events. */
public final class UserRepository {
  private static final String USER_COLUMNS =
      "id, email, name, tz, device_tokens, subscribe_to_emails, attributes, control, preferences,"
          + " created, updated";

  private final Database db;

  public UserRepository(Database db) {
    this.db = db;
  }

  /** The user's full state, or null if the user does not exist. */
  public UserState load(Scope scope, String userId) {
    return db.readPrepared(statements -> load(statements, db.dialect(), scope, userId));
  }

  /** Same as {@link #load(Scope, String)} inside a write transaction. */
  public UserState load(Tx tx, Scope scope, String userId) throws SQLException {
    return load(tx::prepare, tx.dialect(), scope, userId);
  }

  private static UserState load(Sql.Statements statements, Dialect dialect, Scope scope, String userId)
      throws SQLException {
    // The users row alone first: most reads of a user who does not exist are a new user's first
    // event. It holds the per-user documents too (V10): metric and points totals, trigger
    // progress, streak, and (V13) the latest leaderboard entries.
    Preferences[] prefs = new Preferences[1];
    UserProfile profile;
    Map<String, BigDecimal> totals;
    Map<String, Long> pointsTotals;
    Map<String, MetricProgress> progress;
    StreakState streak;
    LeaderboardEntries entries;
    PreparedStatement ps = statements.prepare(STATE_ROW_QUERY);
    bindUser(ps, scope, userId);
    try (ResultSet rs = ps.executeQuery()) {
      profile = profile(rs, prefs);
      if (profile == null) {
        return null;
      }
      totals = UserTallies.readTotals(rs.getString("metric_totals"));
      pointsTotals = UserTallies.readPoints(rs.getString("points_totals"));
      progress = UserTallies.readProgress(rs.getString("trigger_progress"));
      streak = StreakRepository.document(rs.getString("streak"));
      entries = UserTallies.readEntries(rs.getString("leaderboards"));
    }
    UserReads reads = UserReads.open(statements, dialect, STATE_QUERIES, scope, userId);
    AchievementProgress achievements =
        new AchievementProgress(
            reads.next(AchievementRepository::completions),
            reads.next(rs -> AchievementRepository.filteredTotals(rs, dialect)));
    PointsState points =
        new PointsState(pointsTotals, progress, reads.next(PointsRepository::timeProgress));
    return new UserState(profile, prefs[0], totals, achievements, streak, points, entries);
  }

  /** The condition selecting one users row (parameters: env_id, tenant_id, id). */
  static final String USER_ROW = "env_id = ? AND tenant_id = ? AND id = ?";

  private static final String PROFILE_QUERY = "SELECT " + USER_COLUMNS + " FROM users WHERE " + USER_ROW;

  /** The profile with the per-user documents of the users row. */
  private static final String STATE_ROW_QUERY =
      "SELECT " + USER_COLUMNS + ", metric_totals, points_totals, trigger_progress, streak, leaderboards"
          + " FROM users WHERE " + USER_ROW;

  /** Everything {@link #load} reads after the users row, in the order it reads it. */
  private static final List<String> STATE_QUERIES =
      List.of(
          AchievementRepository.COMPLETIONS_QUERY,
          AchievementRepository.FILTERED_TOTALS_QUERY,
          PointsRepository.TIME_PROGRESS_QUERY);

  /** The user's profile and preferences, or null if the user does not exist. */
  public UserProfile profile(Scope scope, String userId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(PROFILE_QUERY)) {
        bindUser(ps, scope, userId);
        try (ResultSet rs = ps.executeQuery()) {
          return profile(rs, new Preferences[1]);
        }
      }
    });
  }

  private static UserProfile profile(ResultSet rs, Preferences[] prefs) throws SQLException {
    if (!rs.next()) {
      return null;
    }
    prefs[0] = Json.read(rs.getString("preferences"), Preferences.class);
    return new UserProfile(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("tz"),
        Json.stringList(rs.getString("device_tokens")),
        rs.getBoolean("subscribe_to_emails"),
        Json.stringMap(rs.getString("attributes")),
        rs.getBoolean("control"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Instant.ofEpochMilli(rs.getLong("updated")));
  }

  /**
   * Issue 8: bumps the state version of every user owning a row that {@code ownedRows} selects
   * (a query of {@code env_id, tenant_id, user_id}), so that no node reuses a state of theirs that
   * it keeps in memory. For writes to users' rows outside a user's session (admin deletions); call
   * it in their transaction before changing the rows, so that it takes the users' row locks first,
   * as a session does.
   */
  static void bumpStateVersions(Tx tx, String ownedRows, String... params) throws SQLException {
    String owners = "(env_id, tenant_id, id) IN (" + ownedRows + ")";
    if (tx.dialect() == Dialect.POSTGRESQL) {
      lockInOrder(tx, owners, params); // else the UPDATE locks them in the order it finds them
    }
    try (PreparedStatement ps =
        tx.connection().prepareStatement("UPDATE users SET state_version = state_version + 1 WHERE " + owners)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }

  /**
   * PostgreSQL: locks the users rows that {@code condition} selects, in {@link #IN_LOCK_ORDER};
   * returns their user ids in that order.
   */
  static List<String> lockInOrder(Tx tx, String condition, String... params) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement("SELECT id FROM users WHERE " + condition + " ORDER BY " + IN_LOCK_ORDER + " FOR UPDATE")) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /**
   * The order in which several users rows are locked on PostgreSQL: that of the group commit's units
   * (code point order of environment, tenant and user id), which is the {@code "C"} collation's on
   * UTF-8 text, whatever the database's collation (under a language's rules "user-10" and "user_1"
   * are ordered by their letters and digits first, and two transactions that lock rows in orders
   * that differ can deadlock).
   */
  static final String IN_LOCK_ORDER = "env_id COLLATE \"C\", tenant_id COLLATE \"C\", id COLLATE \"C\"";

  /**
   * Rewrites one JSON column of the users rows that {@code condition} selects (with {@code params})
   * outside the users' sessions (admin deletions: ATTR-5's attribute values, LB-2 and LB-39's
   * entries): {@code rewrite} gives a row's new value, or null to leave it, and each rewritten row's
   * state version is bumped in the same {@code UPDATE} (issue 8: no node reuses a state of the user
   * kept in memory). On PostgreSQL other nodes' sessions write these rows meanwhile, so the rows are
   * locked as they are read, in key order ({@link #IN_LOCK_ORDER}: neither two rewrites at once nor
   * a rewrite and a group of sessions can deadlock): a session that
   * changed a row first is read after its commit, and one that comes later waits for this
   * transaction. The embedded store runs these writes with every session held back ({@code
   * CachedUserStates.outsideLanes}).
   */
  static void rewriteLocked(
      Tx tx, String column, String condition, List<String> params, UnaryOperator<String> rewrite)
      throws SQLException {
    List<String[]> changed = new ArrayList<>();
    String select =
        "SELECT env_id, tenant_id, id, " + column + " FROM users WHERE " + condition
            + (tx.dialect() == Dialect.POSTGRESQL ? " ORDER BY " + IN_LOCK_ORDER + " FOR UPDATE" : "");
    try (PreparedStatement ps = tx.connection().prepareStatement(select)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String next = rewrite.apply(rs.getString(4));
          if (next != null) {
            changed.add(new String[] {next, rs.getString(1), rs.getString(2), rs.getString(3)});
          }
        }
      }
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE users SET " + column + " = ?, state_version = state_version + 1 WHERE " + USER_ROW)) {
      for (String[] row : changed) {
        for (int i = 0; i < row.length; i++) {
          ps.setString(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Inserts or replaces the user's profile and preferences. */
  public void saveProfile(Tx tx, Scope scope, UserProfile p, Preferences prefs) throws SQLException {
    tx.write(
        "INSERT INTO users (env_id, tenant_id, "
            + USER_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (env_id, tenant_id, id) DO UPDATE SET email = excluded.email,"
            + " name = excluded.name, tz = excluded.tz, device_tokens = excluded.device_tokens,"
            + " subscribe_to_emails = excluded.subscribe_to_emails,"
            + " attributes = excluded.attributes, preferences = excluded.preferences,"
            + " updated = excluded.updated",
        scope.environmentId(),
        scope.tenantId(),
        p.id(),
        p.email(),
        p.name(),
        p.tz(),
        Json.write(p.deviceTokens()),
        p.subscribeToEmails(),
        Json.write(p.attributes()),
        p.control(),
        Json.write(prefs),
        p.created().toEpochMilli(),
        p.updated().toEpochMilli());
  }

  /** Replaces a user's metric totals, every one of them; the users row exists (V10). */
  public void saveTotals(Tx tx, Scope scope, String userId, Map<String, BigDecimal> totals) {
    setDocument(tx, scope, userId, "metric_totals", UserTallies.writeTotals(totals));
  }

  /**
   * Sets one of the per-user documents of the users row (V10): {@code metric_totals}, {@code
   * points_totals}, {@code trigger_progress} or {@code streak}. Those a unit of work sets are
   * written in one {@code UPDATE} ({@link Tx#setLater}). Users rows are written before anything of
   * theirs in the same transaction, so a user without one has none of these either.
   */
  static void setDocument(Tx tx, Scope scope, String userId, String column, String json) {
    setLater(tx, scope, userId, column, json);
  }

  /**
   * Sets the user's state version (issue 8, several nodes) in the same {@code UPDATE} of the users
   * row as the documents of the unit of work ({@link Tx#setLater}).
   */
  public static void setStateVersion(Tx tx, Scope scope, String userId, long version) {
    setLater(tx, scope, userId, "state_version", version);
  }

  private static void setLater(Tx tx, Scope scope, String userId, String column, Object value) {
    tx.setLater(
        "users",
        USER_ROW,
        new Object[] {scope.environmentId(), scope.tenantId(), userId},
        column,
        value);
  }

  /** Stores an event (TIME-3) together with its idempotency key (IDEM-5). */
  public void insertEvent(Tx tx, Scope scope, StoredEvent e) throws SQLException {
    tx.write(
        "INSERT INTO events (id, env_id, tenant_id, user_id, metric_id, value, attributes, tz,"
            + " at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.id(),
        scope.environmentId(),
        scope.tenantId(),
        e.userId(),
        e.metricId(),
        e.value(),
        Json.write(e.attributes()),
        e.tz(),
        e.at().toEpochMilli(),
        e.idempotencyKey());
  }

  /** IDEM-2: the event already processed under this key, or null. */
  public StoredEvent findByIdempotencyKey(Scope scope, String userId, String metricId, String key) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, value, attributes, tz, at FROM events WHERE env_id = ? AND tenant_id = ?"
                      + " AND user_id = ? AND metric_id = ? AND idempotency_key = ?")) {
            bindUser(ps, scope, userId);
            ps.setString(4, metricId);
            ps.setString(5, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? event(rs, db.dialect(), userId, metricId, key) : null;
            }
          }
        });
  }

  /** Same as {@link #findByIdempotencyKey(Scope, String, String, String)} inside a transaction. */
  public StoredEvent findByIdempotencyKey(Tx tx, Scope scope, String userId, String metricId, String key)
      throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "SELECT id, value, attributes, tz, at FROM events WHERE env_id = ? AND tenant_id = ?"
                + " AND user_id = ? AND metric_id = ? AND idempotency_key = ?");
    bindUser(ps, scope, userId);
    ps.setString(4, metricId);
    ps.setString(5, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? event(rs, tx.dialect(), userId, metricId, key) : null;
    }
  }

  /** The user's events on a metric at or after {@code from}, oldest first (SUM-4). */
  public List<StoredEvent> eventsSince(Scope scope, String userId, String metricId, Instant from) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, value, attributes, tz, at FROM events WHERE env_id = ? AND tenant_id = ?"
                      + " AND user_id = ? AND metric_id = ? AND at >= ? ORDER BY at")) {
            bindUser(ps, scope, userId);
            ps.setString(4, metricId);
            ps.setLong(5, from.toEpochMilli());
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                events.add(event(rs, db.dialect(), userId, metricId, null));
              }
            }
            return events;
          }
        });
  }

  /** Number of users in a scope. */
  public long count(Scope scope) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM users WHERE env_id = ? AND tenant_id = ?")) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private static StoredEvent event(ResultSet rs, Dialect d, String userId, String metricId, String key)
      throws SQLException {
    return new StoredEvent(
        rs.getString("id"),
        userId,
        metricId,
        d.getDecimal(rs, "value"),
        Json.stringMap(rs.getString("attributes")),
        rs.getString("tz"),
        Instant.ofEpochMilli(rs.getLong("at")),
        key);
  }

  /** Binds the first three parameters of {@link #USER_ROW} (or of {@code UserReads.OF_USER}). */
  static void bindUser(PreparedStatement ps, Scope scope, String userId) throws SQLException {
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
    ps.setString(3, userId);
  }
}
