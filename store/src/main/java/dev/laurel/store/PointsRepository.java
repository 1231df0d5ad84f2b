package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TimeProgress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users' points state: totals and trigger progress (PTS-2, TRIG-5, TRIG-10), and the reads of the
 * points summaries and the time-trigger sweep. Awards are in {@link AwardRepository}.
 */
public final class PointsRepository {
  private final Database db;

  public PointsRepository(Database db) {
    this.db = db;
  }

  /**
   * A user's time-trigger schedules (parameters: env_id, tenant_id, user_id); the totals and the
   * metric-trigger progress are documents of the users row (V10).
   */
  static final String TIME_PROGRESS_QUERY = "SELECT * FROM points_time_progress" + UserReads.OF_USER;

  static Map<String, TimeProgress> timeProgress(ResultSet rs) throws SQLException {
    Map<String, TimeProgress> time = new HashMap<>();
    while (rs.next()) {
      time.put(
          rs.getString("trigger_id"),
          new TimeProgress(
              Instant.ofEpochMilli(rs.getLong("activation")),
              rs.getLong("fired"),
              Instant.ofEpochMilli(rs.getLong("next_due"))));
    }
    return time;
  }

  /** Writes what changed between two states of a user. */
  public void saveState(Tx tx, Scope scope, String userId, PointsState before, PointsState after) throws SQLException {
    PointsState old = before == null ? PointsState.EMPTY : before;
    // The totals and the metric-trigger progress are whole maps in the users row (V10); the engine
    // never drops a system's total or a trigger's progress.
    if (!after.totals().equals(old.totals())) {
      UserRepository.setDocument(tx, scope, userId, "points_totals", UserTallies.writePoints(after.totals()));
    }
    if (!after.metricProgress().equals(old.metricProgress())) {
      UserRepository.setDocument(
          tx, scope, userId, "trigger_progress", UserTallies.writeProgress(after.metricProgress()));
    }
    for (Map.Entry<String, TimeProgress> e : after.timeProgress().entrySet()) {
      TimeProgress p = e.getValue();
      if (!p.equals(old.timeProgress().get(e.getKey()))) {
        upsert(tx, "points_time_progress", "trigger_id", List.of("activation", "fired", "next_due"),
            scope, userId, e.getKey(), p.activation().toEpochMilli(), p.fired(), p.nextDue().toEpochMilli());
      }
    }
  }

  private static void upsert(
      Tx tx, String table, String keyColumn, List<String> columns, Scope scope, String userId, String key, Object... values)
      throws SQLException {
    String sets = String.join(", ", columns.stream().map(col -> col + " = excluded." + col).toList());
    String sql =
        "INSERT INTO " + table + " (env_id, tenant_id, user_id, " + keyColumn + ", " + String.join(", ", columns)
            + ") VALUES (?, ?, ?, ?" + ", ?".repeat(columns.size()) + ") ON CONFLICT (env_id, tenant_id, user_id, "
            + keyColumn + ") DO UPDATE SET " + sets;
    Object[] all = new Object[4 + values.length];
    all[0] = scope.environmentId();
    all[1] = scope.tenantId();
    all[2] = userId;
    all[3] = key;
    System.arraycopy(values, 0, all, 4, values.length);
    tx.write(sql, all);
  }

  /** A user's total in one system, with the user's attributes (PTS-12, LVL-12). */
  public record UserTotal(String userId, Map<String, String> attributes, long total) {}

  /** Every user of the scope with their total in {@code systemId} (0 without awards). */
  public List<UserTotal> totals(Scope scope, String systemId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, attributes, points_totals FROM users WHERE env_id = ? AND tenant_id = ?")) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            List<UserTotal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long total = UserTallies.readPoints(rs.getString("points_totals")).getOrDefault(systemId, 0L);
                out.add(new UserTotal(rs.getString("id"), Json.stringMap(rs.getString("attributes")), total));
              }
            }
            return out;
          }
        });
  }

  /** An active time trigger of an active system, as the sweep sees it (TRIG-10). */
  public record TimeTriggerRef(Scope scope, String triggerId, Instant activation) {}

  /** Every active time trigger of an active system, in every scope. */
  public List<TimeTriggerRef> activeTimeTriggers() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT t.env_id, t.tenant_id, t.id, t.activated FROM points_triggers t"
                          + " JOIN points_systems s ON s.id = t.system_id"
                          + " WHERE t.type = 'time' AND t.status = 'active' AND s.status = 'active'"
                          + " AND t.activated IS NOT NULL ORDER BY t.seq");
              ResultSet rs = ps.executeQuery()) {
            List<TimeTriggerRef> out = new ArrayList<>();
            while (rs.next()) {
              out.add(
                  new TimeTriggerRef(
                      new Scope(rs.getString("env_id"), rs.getString("tenant_id")),
                      rs.getString("id"),
                      Instant.ofEpochMilli(rs.getLong("activated"))));
            }
            return out;
          }
        });
  }

  /**
   * Users of the trigger's scope whose schedule may be due at {@code now}: those never settled
   * for the trigger's current activation, and those whose next firing is due; ordered by id after
   * {@code afterUserId} (keyset paging).
   */
  public List<String> dueUsers(TimeTriggerRef trigger, Instant now, String afterUserId, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.id FROM users u LEFT JOIN points_time_progress p ON p.env_id = u.env_id"
                      + " AND p.tenant_id = u.tenant_id AND p.user_id = u.id AND p.trigger_id = ?"
                      + " WHERE u.env_id = ? AND u.tenant_id = ? AND u.id > ?"
                      + " AND (p.user_id IS NULL OR p.activation <> ? OR p.next_due <= ?)"
                      + " ORDER BY u.id LIMIT ?")) {
            ps.setString(1, trigger.triggerId());
            ps.setString(2, trigger.scope().environmentId());
            ps.setString(3, trigger.scope().tenantId());
            ps.setString(4, afterUserId);
            ps.setLong(5, trigger.activation().toEpochMilli());
            ps.setLong(6, now.toEpochMilli());
            ps.setInt(7, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }
}
