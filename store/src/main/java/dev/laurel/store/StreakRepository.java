package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.StreakPause;
import dev.laurel.engine.streak.StreakState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Streak storage (BEHAVIOR.md §16): each scope's configuration (CFG-3), each user's state with the
 * columns queried beside it (lengths for STREAK-18 and SDK-9, the sweep instant for STREAK-9), and
 * the pauses by id (PAUSE-1, PAUSE-6).
 */
public final class StreakRepository {
  private final Database db;

  public StreakRepository(Database db) {
    this.db = db;
  }

  /**
   * A user's state encoded for storage, so that encoding happens in the caller's thread rather than
   * in the single writer's transaction.
   *
   * @param next when the sweep must settle the user next; null: never
   * @param columnsAsStored whether the caller knows that {@code length} and {@code next} are the
   *     ones stored for the user already (so that only the document is written)
   */
  public record EncodedState(String userId, String json, int length, Instant next, boolean columnsAsStored) {}

  /** A user whose state the sweep must settle. */
  public record DueUser(Scope scope, String userId) {}

  /** A user of a ranking by stored length: {@code name} is null when unset. */
  public record Ranked(String userId, String name, int length, int longest) {}

  /** What a ranking orders by: the current length or the longest length ever reached. */
  public enum RankBy {
    LENGTH("length"),
    LONGEST("longest");

    private final String column;

    RankBy(String column) {
      this.column = column;
    }
  }

  /** The scope's streak configuration; {@link StreakConfig#DISABLED} when none was stored. */
  public StreakConfig config(Scope scope) {
    return db.read(c -> config(c, scope));
  }

  static StreakConfig config(Connection c, Scope scope) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT config FROM streak_configs WHERE env_id = ? AND tenant_id = ?")) {
      ps.setString(1, scope.environmentId());
      ps.setString(2, scope.tenantId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? StreakJson.read(rs.getString("config"), StreakConfig.class)
            : StreakConfig.DISABLED;
      }
    }
  }

  /** Replaces the scope's streak configuration. */
  public void saveConfig(Tx tx, Scope scope, StreakConfig config, Instant now)
      throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO streak_configs (env_id, tenant_id, config, updated) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (env_id, tenant_id) DO UPDATE SET config = excluded.config,"
                + " updated = excluded.updated");
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
    ps.setString(3, StreakJson.write(config));
    ps.setLong(4, now.toEpochMilli());
    ps.executeUpdate();
  }

  /** The user's stored streak state, or null. */
  public StreakState state(Scope scope, String userId) {
    return db.read(c -> state(c, scope, userId));
  }

  private static StreakState state(Connection c, Scope scope, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT streak FROM users WHERE " + UserRepository.USER_ROW)) {
      UserRepository.bindUser(ps, scope, userId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? document(rs.getString(1)) : null;
      }
    }
  }

  /** A user's state from the users row's {@code streak} document (V10); null for none. */
  static StreakState document(String json) {
    return json == null ? null : StreakJson.read(json, StreakState.class);
  }

  /** Encodes a user's state for {@link #saveState(Tx, Scope, EncodedState)}. */
  public static EncodedState encode(String userId, StreakState state, Instant next) {
    return encode(userId, state, next, false);
  }

  /**
   * Same as {@link #encode(String, StreakState, Instant)}; {@code columnsAsStored}: the user's
   * stored length and sweep instant are known to be {@code state.length()} and {@code next} (or, for
   * the instant, earlier: see {@link #saveState(Tx, Scope, EncodedState)}).
   */
  public static EncodedState encode(String userId, StreakState state, Instant next, boolean columnsAsStored) {
    return new EncodedState(userId, StreakJson.write(state), state.length(), next, columnsAsStored);
  }

  /** Same as {@link #saveState(Tx, Scope, EncodedState)} for a state not encoded yet. */
  public void saveState(Tx tx, Scope scope, String userId, StreakState state, Instant next)
      throws SQLException {
    saveState(tx, scope, encode(userId, state, next));
  }

  /**
   * Stores the user's state document in the users row (V10, which exists), and its length, the
   * longest length ever stored for the user and when the sweep must settle it next in
   * streak_states, which the sweep and the rankings query across users. Most events change the
   * document but none of those columns; the upsert then changes nothing (its {@code WHERE}), so
   * that no page of streak_states or of its three indexes is written.
   *
   * <p>Issue 8: when the caller marks the columns {@linkplain EncodedState#columnsAsStored as
   * stored}, the upsert is not sent at all (even one that changes nothing reads the key index's and
   * the row's pages). A stored sweep instant earlier than {@code next} is left as it is: that is how
   * a configuration change leaves every row (STREAK-21, {@link #markAllDue}), and the sweep then
   * settles the user and stores the instant it computes.
   */
  public void saveState(Tx tx, Scope scope, EncodedState state) throws SQLException {
    UserRepository.setDocument(tx, scope, state.userId(), "streak", state.json());
    if (state.columnsAsStored()) {
      return;
    }
    tx.write(
        "INSERT INTO streak_states (env_id, tenant_id, user_id, length, longest, next_settlement)"
            + " VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (env_id, tenant_id, user_id) DO UPDATE SET length = excluded.length,"
            + " next_settlement = excluded.next_settlement,"
            + " longest = CASE WHEN excluded.longest > streak_states.longest"
            + " THEN excluded.longest ELSE streak_states.longest END"
            + " WHERE streak_states.length <> excluded.length"
            + " OR streak_states.longest < excluded.longest"
            + " OR streak_states.next_settlement IS DISTINCT FROM excluded.next_settlement",
        scope.environmentId(),
        scope.tenantId(),
        state.userId(),
        state.length(),
        state.length(),
        state.next() == null ? new Tx.Null(java.sql.Types.BIGINT) : state.next().toEpochMilli());
  }

  /**
   * Makes every stored state of the scope due at {@code now}, so that the sweep settles each user
   * under a changed configuration (STREAK-21, FREEZE-4, FREEZE-8).
   */
  public void markAllDue(Tx tx, Scope scope, Instant now) throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "UPDATE streak_states SET next_settlement = ? WHERE env_id = ? AND tenant_id = ?");
    ps.setLong(1, now.toEpochMilli());
    ps.setString(2, scope.environmentId());
    ps.setString(3, scope.tenantId());
    ps.executeUpdate();
  }

  /** Up to {@code limit} users whose sweep instant is at or before {@code now}, earliest first. */
  public List<DueUser> due(Instant now, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT env_id, tenant_id, user_id FROM streak_states"
                      + " WHERE next_settlement IS NOT NULL AND next_settlement <= ?"
                      + " ORDER BY next_settlement LIMIT ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            List<DueUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DueUser(
                        new Scope(rs.getString("env_id"), rs.getString("tenant_id")),
                        rs.getString("user_id")));
              }
            }
            return out;
          }
        });
  }

  /**
   * Users of the scope with a stored {@code by} value above 0, by that value descending then user
   * id ascending, from {@code offset}.
   */
  public List<Ranked> ranked(Scope scope, RankBy by, int offset, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.user_id, u.name, s.length, s.longest FROM streak_states s"
                      + " JOIN users u ON u.env_id = s.env_id AND u.tenant_id = s.tenant_id"
                      + " AND u.id = s.user_id WHERE s.env_id = ? AND s.tenant_id = ? AND s."
                      + by.column
                      + " > 0 ORDER BY s."
                      + by.column
                      + " DESC, s.user_id LIMIT ? OFFSET ?")) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            ps.setInt(3, limit);
            ps.setInt(4, offset);
            List<Ranked> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Ranked(
                        rs.getString("user_id"),
                        rs.getString("name"),
                        rs.getInt("length"),
                        rs.getInt("longest")));
              }
            }
            return out;
          }
        });
  }

  /** Records a new active pause of a user (PAUSE-1). */
  public void insertPause(Tx tx, Scope scope, String userId, StreakPause pause, Instant now)
      throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO streak_pauses (id, env_id, tenant_id, user_id, start_date, end_date,"
                + " status, created) VALUES (?, ?, ?, ?, ?, ?, 'active', ?)");
    ps.setString(1, pause.id());
    ps.setString(2, scope.environmentId());
    ps.setString(3, scope.tenantId());
    ps.setString(4, userId);
    ps.setString(5, pause.start().toString());
    ps.setString(6, pause.end().toString());
    ps.setLong(7, now.toEpochMilli());
    ps.executeUpdate();
  }

  /** The user holding the active pause {@code id} in the scope, or null (PAUSE-6). */
  public String activePauseOwner(Scope scope, String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT user_id FROM streak_pauses WHERE id = ? AND env_id = ? AND tenant_id = ?"
                      + " AND status = 'active'")) {
            ps.setString(1, id);
            ps.setString(2, scope.environmentId());
            ps.setString(3, scope.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString("user_id") : null;
            }
          }
        });
  }

  /** Archives an active pause (PAUSE-6); false when no active pause has this id in the scope. */
  public boolean archivePause(Tx tx, Scope scope, String id) throws SQLException {
    PreparedStatement ps =
        tx.prepare(
            "UPDATE streak_pauses SET status = 'archived' WHERE id = ? AND env_id = ?"
                + " AND tenant_id = ? AND status = 'active'");
    ps.setString(1, id);
    ps.setString(2, scope.environmentId());
    ps.setString(3, scope.tenantId());
    return ps.executeUpdate() == 1;
  }
}
