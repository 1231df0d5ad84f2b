package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of points configuration (PTS-14..16, TRIG-16..18, LVL-8..10, BOOST-9..12). Deleting
 * archives the row, so awards keep naming their trigger and boosts (PTS-3, BOOST-12). Snapshots
 * are read by {@link PointsConfigLoader}.
 */
public final class PointsConfigRepository {

  public void insertSystem(Tx tx, Scope scope, PointsSystem s) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO points_systems (id, env_id, tenant_id, key, name, description, badge_url,"
                    + " max_points, status, created, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)")) {
      ps.setString(1, s.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, s.key());
      ps.setString(5, s.name());
      ps.setString(6, s.description());
      ps.setString(7, s.badgeUrl());
      setLong(ps, 8, s.maxPoints());
      ps.setLong(9, s.created().toEpochMilli());
      ps.setLong(10, nextSeq(tx, "points_systems"));
      ps.executeUpdate();
    }
  }

  public void updateSystem(Tx tx, Scope scope, PointsSystem s) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE points_systems SET name = ?, description = ?, badge_url = ?, max_points = ?"
                    + " WHERE id = ? AND env_id = ? AND tenant_id = ? AND status = 'active'")) {
      ps.setString(1, s.name());
      ps.setString(2, s.description());
      ps.setString(3, s.badgeUrl());
      setLong(ps, 4, s.maxPoints());
      bindIdScope(ps, 5, s.id(), scope);
      ps.executeUpdate();
    }
  }

  public void insertTrigger(Tx tx, Scope scope, Trigger t) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO points_triggers (id, env_id, tenant_id, system_id, type, points, status,"
                    + " user_attributes, metric_id, metric_threshold, event_attributes, achievement_id,"
                    + " streak_length, time_unit, time_interval, block_if_out_of_points, created, updated,"
                    + " activated, epoch, revision, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, t.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, t.systemId());
      bindTrigger(ps, 5, t);
      ps.setLong(17, t.created().toEpochMilli());
      ps.setLong(18, t.updated().toEpochMilli());
      setInstant(ps, 19, t.activatedAt());
      ps.setLong(20, t.epoch());
      ps.setLong(21, t.revision());
      ps.setLong(22, nextSeq(tx, "points_triggers"));
      ps.executeUpdate();
    }
  }

  /** Replaces every mutable field of a trigger (TRIG-17), including its status. */
  public void updateTrigger(Tx tx, Scope scope, Trigger t) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE points_triggers SET type = ?, points = ?, status = ?, user_attributes = ?,"
                    + " metric_id = ?, metric_threshold = ?, event_attributes = ?, achievement_id = ?,"
                    + " streak_length = ?, time_unit = ?, time_interval = ?, block_if_out_of_points = ?,"
                    + " updated = ?, activated = ?, epoch = ?, revision = ?"
                    + " WHERE id = ? AND env_id = ? AND tenant_id = ?")) {
      bindTrigger(ps, 1, t);
      ps.setLong(13, t.updated().toEpochMilli());
      setInstant(ps, 14, t.activatedAt());
      ps.setLong(15, t.epoch());
      ps.setLong(16, t.revision());
      bindIdScope(ps, 17, t.id(), scope);
      ps.executeUpdate();
    }
  }

  /** Binds type .. block_if_out_of_points (12 parameters) from {@code first}. */
  private static void bindTrigger(PreparedStatement ps, int first, Trigger t) throws SQLException {
    ps.setString(first, t.type().wire());
    ps.setLong(first + 1, t.points());
    ps.setString(first + 2, t.status().wire());
    ps.setString(first + 3, filters(t.userAttributes()));
    String metricId = null;
    Long threshold = null;
    List<AttributeFilter> eventFilters = List.of();
    String achievementId = null;
    Long streakLength = null;
    String unit = null;
    Long interval = null;
    switch (t.rule()) {
      case TriggerRule.Metric m -> {
        metricId = m.metricId();
        threshold = m.threshold();
        eventFilters = m.eventAttributes();
      }
      case TriggerRule.Achievement a -> achievementId = a.achievementId();
      case TriggerRule.Streak s -> streakLength = (long) s.length();
      case TriggerRule.Time time -> {
        unit = time.unit().adminWire();
        interval = (long) time.interval();
      }
      case TriggerRule.UserCreation u -> {}
    }
    ps.setString(first + 4, metricId);
    setLong(ps, first + 5, threshold);
    ps.setString(first + 6, filters(eventFilters));
    ps.setString(first + 7, achievementId);
    setLong(ps, first + 8, streakLength);
    ps.setString(first + 9, unit);
    setLong(ps, first + 10, interval);
    ps.setBoolean(first + 11, t.blockIfOutOfPoints());
  }

  public void insertLevel(Tx tx, Scope scope, Level l) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO points_levels (id, env_id, tenant_id, system_id, key, name, description,"
                    + " badge_url, points, status, created, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)")) {
      ps.setString(1, l.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, l.systemId());
      ps.setString(5, l.key());
      ps.setString(6, l.name());
      ps.setString(7, l.description());
      ps.setString(8, l.badgeUrl());
      ps.setLong(9, l.points());
      ps.setLong(10, l.created().toEpochMilli());
      ps.setLong(11, nextSeq(tx, "points_levels"));
      ps.executeUpdate();
    }
  }

  public void updateLevel(Tx tx, Scope scope, Level l) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE points_levels SET name = ?, description = ?, badge_url = ?, points = ?"
                    + " WHERE id = ? AND env_id = ? AND tenant_id = ? AND status = 'active'")) {
      ps.setString(1, l.name());
      ps.setString(2, l.description());
      ps.setString(3, l.badgeUrl());
      ps.setLong(4, l.points());
      bindIdScope(ps, 5, l.id(), scope);
      ps.executeUpdate();
    }
  }

  public void insertBoost(Tx tx, Scope scope, Boost b) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO points_boosts (id, env_id, tenant_id, system_id, name, start_date, end_date,"
                    + " multiplier, rounding, user_id, user_attributes, status, created, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)")) {
      ps.setString(1, b.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, b.systemId());
      bindBoost(tx, ps, 5, b);
      ps.setLong(12, b.created().toEpochMilli());
      ps.setLong(13, nextSeq(tx, "points_boosts"));
      ps.executeUpdate();
    }
  }

  public void updateBoost(Tx tx, Scope scope, Boost b) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE points_boosts SET name = ?, start_date = ?, end_date = ?, multiplier = ?,"
                    + " rounding = ?, user_id = ?, user_attributes = ?"
                    + " WHERE id = ? AND env_id = ? AND tenant_id = ? AND status = 'active'")) {
      bindBoost(tx, ps, 1, b);
      bindIdScope(ps, 8, b.id(), scope);
      ps.executeUpdate();
    }
  }

  private static void bindBoost(Tx tx, PreparedStatement ps, int first, Boost b) throws SQLException {
    ps.setString(first, b.name());
    ps.setString(first + 1, b.start().toString());
    ps.setString(first + 2, b.end() == null ? null : b.end().toString());
    tx.dialect().setDecimal(ps, first + 3, b.multiplier());
    ps.setString(first + 4, b.rounding().wire());
    ps.setString(first + 5, b.userId());
    ps.setString(first + 6, filters(b.userAttributes()));
  }

  /** The configuration tables of points, for {@link #archive}. */
  public enum Table {
    SYSTEMS("points_systems"),
    TRIGGERS("points_triggers"),
    LEVELS("points_levels"),
    BOOSTS("points_boosts");

    final String name;

    Table(String name) {
      this.name = name;
    }
  }

  /**
   * Archives one row (PTS-16, TRIG-18, LVL-10, BOOST-12); {@code systemId} restricts triggers,
   * levels and boosts to their system. Returns false when no live row matched.
   */
  public boolean archive(Tx tx, Scope scope, Table table, String systemId, String id) throws SQLException {
    String sql =
        "UPDATE " + table.name + " SET status = 'archived' WHERE id = ? AND env_id = ? AND tenant_id = ?"
            + " AND status <> 'archived'" + (table == Table.SYSTEMS ? "" : " AND system_id = ?");
    try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
      bindIdScope(ps, 1, id, scope);
      if (table != Table.SYSTEMS) {
        ps.setString(4, systemId);
      }
      return ps.executeUpdate() == 1;
    }
  }

  static String filters(List<AttributeFilter> filters) {
    List<Map<String, String>> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("attributeId", f.attributeId());
      item.put("attributeValue", f.value());
      out.add(item);
    }
    return Json.write(out);
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    setLong(ps, index, value == null ? null : value.toEpochMilli());
  }

  private static void bindIdScope(PreparedStatement ps, int first, String id, Scope scope) throws SQLException {
    ps.setString(first, id);
    ps.setString(first + 1, scope.environmentId());
    ps.setString(first + 2, scope.tenantId());
  }

  private static long nextSeq(Tx tx, String table) throws SQLException {
    try (PreparedStatement ps =
            tx.connection().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table);
        var rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
