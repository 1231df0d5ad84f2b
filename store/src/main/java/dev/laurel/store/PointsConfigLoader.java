package dev.laurel.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.laurel.engine.Scope;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.engine.points.TriggerStatus;
import dev.laurel.engine.points.TriggerType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a scope's points configuration snapshot: active systems in creation order, each with all
 * its triggers (archived included, PTS-3), live levels and live boosts. Names that other
 * configuration owns (attribute keys, metric and achievement names) come from a {@link Resolver}.
 */
public final class PointsConfigLoader {
  private static final TypeReference<List<Map<String, String>>> FILTERS = new TypeReference<>() {};

  /** Looks up what the points tables only reference by id. */
  public interface Resolver {
    /** The key of an attribute, or null if it no longer exists. */
    String attributeKey(String attributeId);

    /** The name of an active metric, or null. */
    String metricName(String metricId);

    /** The name of an achievement, or null when unknown. */
    String achievementName(String achievementId);
  }

  private final Database db;

  public PointsConfigLoader(Database db) {
    this.db = db;
  }

  public PointsConfig load(Scope scope, Resolver resolver) {
    return db.read(c -> load(c, db.dialect(), scope, resolver));
  }

  private static PointsConfig load(Connection c, Dialect d, Scope scope, Resolver resolver) throws SQLException {
    Map<String, List<Trigger>> triggers = new HashMap<>();
    Map<String, List<Level>> levels = new HashMap<>();
    Map<String, List<Boost>> boosts = new HashMap<>();
    try (PreparedStatement ps = scoped(c, "SELECT * FROM points_triggers WHERE env_id = ? AND tenant_id = ? ORDER BY seq", scope);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        triggers.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>()).add(trigger(rs, resolver));
      }
    }
    try (PreparedStatement ps =
            scoped(c, "SELECT * FROM points_levels WHERE env_id = ? AND tenant_id = ? AND status = 'active' ORDER BY seq", scope);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        levels.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>()).add(level(rs));
      }
    }
    try (PreparedStatement ps =
            scoped(c, "SELECT * FROM points_boosts WHERE env_id = ? AND tenant_id = ? AND status = 'active' ORDER BY seq", scope);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        boosts.computeIfAbsent(rs.getString("system_id"), k -> new ArrayList<>()).add(boost(rs, d, resolver));
      }
    }
    List<SystemConfig> systems = new ArrayList<>();
    try (PreparedStatement ps =
            scoped(c, "SELECT * FROM points_systems WHERE env_id = ? AND tenant_id = ? AND status = 'active' ORDER BY seq", scope);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString("id");
        long max = rs.getLong("max_points");
        PointsSystem system =
            new PointsSystem(
                id,
                rs.getString("key"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("badge_url"),
                rs.wasNull() ? null : max,
                Instant.ofEpochMilli(rs.getLong("created")));
        systems.add(
            new SystemConfig(
                system,
                triggers.getOrDefault(id, List.of()),
                levels.getOrDefault(id, List.of()),
                boosts.getOrDefault(id, List.of())));
      }
    }
    return new PointsConfig(systems);
  }

  private static PreparedStatement scoped(Connection c, String sql, Scope scope) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
    return ps;
  }

  private static Trigger trigger(ResultSet rs, Resolver resolver) throws SQLException {
    TriggerType type = TriggerType.fromWire(rs.getString("type"));
    TriggerRule rule =
        switch (type) {
          case METRIC -> {
            String metricId = rs.getString("metric_id");
            yield new TriggerRule.Metric(
                metricId,
                resolver.metricName(metricId),
                rs.getLong("metric_threshold"),
                filters(rs.getString("event_attributes"), resolver));
          }
          case ACHIEVEMENT -> {
            String achievementId = rs.getString("achievement_id");
            yield new TriggerRule.Achievement(achievementId, resolver.achievementName(achievementId));
          }
          case STREAK -> new TriggerRule.Streak(rs.getInt("streak_length"));
          case TIME ->
              new TriggerRule.Time(
                  TriggerRule.TimeUnit.fromAdminWire(rs.getString("time_unit")), rs.getInt("time_interval"));
          case USER_CREATION -> new TriggerRule.UserCreation();
        };
    long activated = rs.getLong("activated");
    Instant activatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(activated);
    return new Trigger(
        rs.getString("id"),
        rs.getString("system_id"),
        rs.getLong("points"),
        TriggerStatus.fromWire(rs.getString("status")),
        filters(rs.getString("user_attributes"), resolver),
        rule,
        rs.getBoolean("block_if_out_of_points"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Instant.ofEpochMilli(rs.getLong("updated")),
        activatedAt,
        rs.getLong("epoch"),
        rs.getLong("revision"));
  }

  private static Level level(ResultSet rs) throws SQLException {
    return new Level(
        rs.getString("id"),
        rs.getString("system_id"),
        rs.getString("key"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("badge_url"),
        rs.getLong("points"),
        Instant.ofEpochMilli(rs.getLong("created")));
  }

  private static Boost boost(ResultSet rs, Dialect d, Resolver resolver) throws SQLException {
    String end = rs.getString("end_date");
    return new Boost(
        rs.getString("id"),
        rs.getString("system_id"),
        rs.getString("name"),
        LocalDate.parse(rs.getString("start_date")),
        end == null ? null : LocalDate.parse(end),
        d.getDecimal(rs, "multiplier").stripTrailingZeros(),
        Boost.Rounding.fromWire(rs.getString("rounding")),
        rs.getString("user_id"),
        filters(rs.getString("user_attributes"), resolver),
        Instant.ofEpochMilli(rs.getLong("created")));
  }

  private static List<AttributeFilter> filters(String json, Resolver resolver) {
    List<Map<String, String>> raw;
    try {
      raw = Json.MAPPER.readValue(json, FILTERS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt attribute filters", e);
    }
    List<AttributeFilter> out = new ArrayList<>();
    for (Map<String, String> f : raw) {
      String id = f.get("attributeId");
      out.add(new AttributeFilter(id, resolver.attributeKey(id), f.get("attributeValue")));
    }
    return out;
  }
}
