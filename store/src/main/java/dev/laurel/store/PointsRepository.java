package dev.laurel.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.laurel.engine.Scope;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TimeProgress;
import java.math.BigDecimal;
import java.sql.Connection;
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
import java.util.Objects;

/**
 * Users' points: totals, trigger progress and awards (PTS-2, PTS-3, TRIG-5, TRIG-10), and the
 * reads of the points endpoints and the time-trigger sweep.
 */
public final class PointsRepository {
  private static final TypeReference<List<Map<String, String>>> BOOSTS = new TypeReference<>() {};

  private final Database db;

  public PointsRepository(Database db) {
    this.db = db;
  }

  /** A user's points state (empty for a user without points). */
  static PointsState loadState(Connection c, Dialect d, Scope scope, String userId) throws SQLException {
    Map<String, Long> totals = new HashMap<>();
    try (PreparedStatement ps = user(c, "SELECT system_id, total FROM points_totals", scope, userId);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        totals.put(rs.getString("system_id"), rs.getLong("total"));
      }
    }
    Map<String, MetricProgress> metric = new HashMap<>();
    try (PreparedStatement ps = user(c, "SELECT * FROM points_metric_progress", scope, userId);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        metric.put(
            rs.getString("trigger_id"),
            new MetricProgress(
                rs.getLong("epoch"), rs.getLong("revision"), d.getDecimal(rs, "accumulated"), d.getDecimal(rs, "paid")));
      }
    }
    Map<String, TimeProgress> time = new HashMap<>();
    try (PreparedStatement ps = user(c, "SELECT * FROM points_time_progress", scope, userId);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        time.put(
            rs.getString("trigger_id"),
            new TimeProgress(
                Instant.ofEpochMilli(rs.getLong("activation")),
                rs.getLong("fired"),
                Instant.ofEpochMilli(rs.getLong("next_due"))));
      }
    }
    return new PointsState(totals, metric, time);
  }

  private static PreparedStatement user(Connection c, String select, Scope scope, String userId) throws SQLException {
    PreparedStatement ps = c.prepareStatement(select + " WHERE env_id = ? AND tenant_id = ? AND user_id = ?");
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
    ps.setString(3, userId);
    return ps;
  }

  /** Writes what changed between two states of a user. */
  public void saveState(Tx tx, Scope scope, String userId, PointsState before, PointsState after) throws SQLException {
    PointsState old = before == null ? PointsState.EMPTY : before;
    for (Map.Entry<String, Long> e : after.totals().entrySet()) {
      if (!Objects.equals(old.totals().get(e.getKey()), e.getValue())) {
        upsert(tx, "points_totals", "system_id", List.of("total"), scope, userId, e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, MetricProgress> e : after.metricProgress().entrySet()) {
      MetricProgress p = e.getValue();
      if (!p.equals(old.metricProgress().get(e.getKey()))) {
        upsert(tx, "points_metric_progress", "trigger_id", List.of("epoch", "revision", "accumulated", "paid"),
            scope, userId, e.getKey(), p.epoch(), p.revision(), p.accumulated(), p.paid());
      }
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
    PreparedStatement ps = tx.prepare(sql);
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
    ps.setString(3, userId);
    ps.setString(4, key);
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof BigDecimal decimal) {
        tx.dialect().setDecimal(ps, 5 + i, decimal);
      } else {
        ps.setLong(5 + i, (Long) values[i]);
      }
    }
    ps.executeUpdate();
  }

  /** Stores awards in the order they were made (PTS-3). */
  public void insertAwards(Tx tx, Scope scope, List<Award> awards) throws SQLException {
    if (awards.isEmpty()) {
      return;
    }
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO points_awards (id, env_id, tenant_id, user_id, system_id, trigger_id, awarded,"
                + " total, at, tz, boosts, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (Award a : awards) {
      ps.setString(1, a.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, a.userId());
      ps.setString(5, a.systemId());
      ps.setString(6, a.triggerId());
      ps.setLong(7, a.awarded());
      ps.setLong(8, a.total());
      ps.setLong(9, a.at().toEpochMilli());
      ps.setString(10, a.tz());
      ps.setString(11, boosts(a.boosts()));
      ps.setString(12, a.dedupeKey());
      ps.executeUpdate();
    }
  }

  /** PTS-10: the user's most recent awards in a system, newest first. */
  public List<Award> recentAwards(Scope scope, String userId, String systemId, int limit) {
    return awards(scope, userId, systemId, " ORDER BY at DESC, seq DESC LIMIT " + limit, null);
  }

  /** SUM-4: the user's awards in a system dated at or after {@code from}, oldest first. */
  public List<Award> awardsSince(Scope scope, String userId, String systemId, Instant from) {
    return awards(scope, userId, systemId, " AND at >= ? ORDER BY at, seq", from);
  }

  private List<Award> awards(Scope scope, String userId, String systemId, String tail, Instant from) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM points_awards WHERE env_id = ? AND tenant_id = ? AND user_id = ? AND system_id = ?"
                      + tail)) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            ps.setString(3, userId);
            ps.setString(4, systemId);
            if (from != null) {
              ps.setLong(5, from.toEpochMilli());
            }
            List<Award> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(award(rs));
              }
            }
            return out;
          }
        });
  }

  private static Award award(ResultSet rs) throws SQLException {
    Instant at = Instant.ofEpochMilli(rs.getLong("at"));
    String systemId = rs.getString("system_id");
    return new Award(
        rs.getString("id"),
        rs.getString("user_id"),
        systemId,
        rs.getString("trigger_id"),
        rs.getLong("awarded"),
        rs.getLong("total"),
        at,
        rs.getString("tz"),
        boosts(rs.getString("boosts"), systemId, at),
        rs.getString("dedupe_key"));
  }

  /** BOOST-8, BOOST-12: the boosts applied to an award are recorded as they were. */
  private static String boosts(List<Boost> boosts) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Boost b : boosts) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("id", b.id());
      item.put("name", b.name());
      item.put("start", b.start().toString());
      item.put("end", b.end() == null ? null : b.end().toString());
      item.put("multiplier", b.multiplier().toPlainString());
      item.put("rounding", b.rounding().wire());
      item.put("userId", b.userId());
      out.add(item);
    }
    return Json.write(out);
  }

  private static List<Boost> boosts(String json, String systemId, Instant at) {
    List<Map<String, String>> raw;
    try {
      raw = Json.MAPPER.readValue(json, BOOSTS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt award boosts", e);
    }
    List<Boost> out = new ArrayList<>();
    for (Map<String, String> b : raw) {
      String end = b.get("end");
      out.add(
          new Boost(
              b.get("id"),
              systemId,
              b.get("name"),
              LocalDate.parse(b.get("start")),
              end == null ? null : LocalDate.parse(end),
              new BigDecimal(b.get("multiplier")),
              Boost.Rounding.fromWire(b.get("rounding")),
              b.get("userId"),
              List.of(),
              at));
    }
    return out;
  }

  /** A user's total in one system, with the user's attributes (PTS-12, LVL-12). */
  public record UserTotal(String userId, Map<String, String> attributes, long total) {}

  /** Every user of the scope with their total in {@code systemId} (0 without awards). */
  public List<UserTotal> totals(Scope scope, String systemId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT u.id, u.attributes, t.total FROM users u LEFT JOIN points_totals t"
                      + " ON t.env_id = u.env_id AND t.tenant_id = u.tenant_id AND t.user_id = u.id"
                      + " AND t.system_id = ? WHERE u.env_id = ? AND u.tenant_id = ?")) {
            ps.setString(1, systemId);
            ps.setString(2, scope.environmentId());
            ps.setString(3, scope.tenantId());
            List<UserTotal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new UserTotal(rs.getString("id"), Json.stringMap(rs.getString("attributes")), rs.getLong("total")));
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
