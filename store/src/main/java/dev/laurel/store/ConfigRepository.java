package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Environments, tenants and the configuration objects of each scope (metrics, attributes). */
public final class ConfigRepository {
  private final Database db;

  public ConfigRepository(Database db) {
    this.db = db;
  }

  /** The version of the configuration, changed by {@link #bumpConfigVersion()}; "" before any. */
  public String configVersion() {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = 'config_version'");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
          }
        });
  }

  /** Announces a configuration change to other nodes sharing this database; returns the new version. */
  public String bumpConfigVersion() {
    String version = UUID.randomUUID().toString();
    db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "INSERT INTO settings (name, value) VALUES ('config_version', ?)"
                          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, version);
            return ps.executeUpdate();
          }
        });
    return version;
  }

  /** Returns the environment with this key, creating it if it does not exist. */
  public Environment ensureEnvironment(String key, String name, String type, Instant now) {
    Environment existing = environmentByKey(key);
    if (existing != null) {
      return existing;
    }
    return db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "INSERT INTO environments (id, key, name, type, multi_tenancy, control_ratio, created)"
                          + " VALUES (?, ?, ?, ?, FALSE, 0, ?)")) {
            String id = UUID.randomUUID().toString();
            ps.setString(1, id);
            ps.setString(2, key);
            ps.setString(3, name);
            ps.setString(4, type);
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
            return new Environment(id, key, name, type, false, 0);
          }
        });
  }

  public Environment environmentByKey(String key) {
    List<Environment> found = environments("WHERE key = ?", key);
    return found.isEmpty() ? null : found.get(0);
  }

  public Environment environment(String id) {
    List<Environment> found = environments("WHERE id = ?", id);
    return found.isEmpty() ? null : found.get(0);
  }

  public List<Environment> environments() {
    return environments("", null);
  }

  private List<Environment> environments(String where, String arg) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, key, name, type, multi_tenancy, control_ratio FROM environments "
                      + where
                      + " ORDER BY created, id")) {
            if (arg != null) {
              ps.setString(1, arg);
            }
            List<Environment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Environment(
                        rs.getString("id"),
                        rs.getString("key"),
                        rs.getString("name"),
                        rs.getString("type"),
                        rs.getBoolean("multi_tenancy"),
                        rs.getDouble("control_ratio")));
              }
            }
            return out;
          }
        });
  }

  /** CFG-7, CFG-8: per-environment switches. */
  public void updateEnvironmentSettings(Tx tx, String envId, boolean multiTenancy, double controlRatio)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement("UPDATE environments SET multi_tenancy = ?, control_ratio = ? WHERE id = ?")) {
      ps.setBoolean(1, multiTenancy);
      ps.setDouble(2, controlRatio);
      ps.setString(3, envId);
      ps.executeUpdate();
    }
  }

  /** TEN-4: the active tenant with this customer id, or null. */
  public Tenant activeTenant(String envId, String customerId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, customer_id, name, status, created, updated FROM tenants"
                      + " WHERE env_id = ? AND customer_id = ? AND status = 'active'")) {
            ps.setString(1, envId);
            ps.setString(2, customerId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? tenant(rs) : null;
            }
          }
        });
  }

  /** Active tenants of an environment in creation order (TEN-9). */
  public List<Tenant> tenants(String envId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, customer_id, name, status, created, updated FROM tenants"
                      + " WHERE env_id = ? AND status = 'active' ORDER BY seq")) {
            ps.setString(1, envId);
            List<Tenant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(tenant(rs));
              }
            }
            return out;
          }
        });
  }

  /** Creates an active tenant (TEN-6). */
  public Tenant insertTenant(Tx tx, String envId, String customerId, String name, Instant now)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO tenants (id, env_id, customer_id, name, status, created, updated, seq)"
                    + " VALUES (?, ?, ?, ?, 'active', ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, envId);
      ps.setString(3, customerId);
      ps.setString(4, name);
      ps.setLong(5, now.toEpochMilli());
      ps.setLong(6, now.toEpochMilli());
      ps.setLong(7, nextSeq(tx, "tenants"));
      ps.executeUpdate();
    }
    return new Tenant(id, customerId, name, "active", now, now);
  }

  private static Tenant tenant(ResultSet rs) throws SQLException {
    return new Tenant(
        rs.getString("id"),
        rs.getString("customer_id"),
        rs.getString("name"),
        rs.getString("status"),
        Instant.ofEpochMilli(rs.getLong("created")),
        Instant.ofEpochMilli(rs.getLong("updated")));
  }

  /**
   * The configuration snapshot of a scope: active metrics and attributes in creation order, the
   * achievements in creation order, and the streak configuration.
   */
  public ScopeConfig scopeConfig(Scope scope, double controlRatio) {
    return db.read(
        c -> {
          List<AttributeDef> attributes = attributes(c, scope);
          return new ScopeConfig(metrics(c, scope), attributes, controlRatio)
              .withAchievements(AchievementRepository.catalog(c, scope, attributes))
              .withStreak(StreakRepository.config(c, scope));
        });
  }

  private static List<Metric> metrics(Connection c, Scope scope) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, key, name, unit_type, units FROM metrics WHERE env_id = ? AND tenant_id = ?"
                + " AND status = 'active' ORDER BY seq")) {
      bindScope(ps, scope);
      List<Metric> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Metric(
                  rs.getString("id"),
                  rs.getString("key"),
                  rs.getString("name"),
                  Metric.UnitType.fromWire(rs.getString("unit_type")),
                  rs.getString("units")));
        }
      }
      return out;
    }
  }

  private static List<AttributeDef> attributes(Connection c, Scope scope) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, key, name, type FROM attributes WHERE env_id = ? AND tenant_id = ?"
                + " AND status = 'active' ORDER BY seq")) {
      bindScope(ps, scope);
      List<AttributeDef> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AttributeDef(
                  rs.getString("id"),
                  rs.getString("key"),
                  rs.getString("name"),
                  AttributeType.fromWire(rs.getString("type"))));
        }
      }
      return out;
    }
  }

  public void insertMetric(Tx tx, Scope scope, Metric m, Instant now) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO metrics (id, env_id, tenant_id, key, name, unit_type, units, status,"
                    + " created, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)")) {
      ps.setString(1, m.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, m.key());
      ps.setString(5, m.name());
      ps.setString(6, m.unitType().wire());
      ps.setString(7, m.units());
      ps.setLong(8, now.toEpochMilli());
      ps.setLong(9, nextSeq(tx, "metrics"));
      ps.executeUpdate();
    }
  }

  public void updateMetric(Tx tx, Scope scope, Metric m) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE metrics SET name = ?, unit_type = ?, units = ? WHERE id = ? AND env_id = ?"
                    + " AND tenant_id = ? AND status = 'active'")) {
      ps.setString(1, m.name());
      ps.setString(2, m.unitType().wire());
      ps.setString(3, m.units());
      ps.setString(4, m.id());
      ps.setString(5, scope.environmentId());
      ps.setString(6, scope.tenantId());
      ps.executeUpdate();
    }
  }

  public void insertAttribute(Tx tx, Scope scope, AttributeDef a, Instant now) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO attributes (id, env_id, tenant_id, key, name, type, status, created, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)")) {
      ps.setString(1, a.id());
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      ps.setString(4, a.key());
      ps.setString(5, a.name());
      ps.setString(6, a.type().wire());
      ps.setLong(7, now.toEpochMilli());
      ps.setLong(8, nextSeq(tx, "attributes"));
      ps.executeUpdate();
    }
  }

  public void renameAttribute(Tx tx, Scope scope, String id, String name) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE attributes SET name = ? WHERE id = ? AND env_id = ? AND tenant_id = ?"
                    + " AND status = 'active'")) {
      ps.setString(1, name);
      ps.setString(2, id);
      ps.setString(3, scope.environmentId());
      ps.setString(4, scope.tenantId());
      ps.executeUpdate();
    }
  }

  /**
   * Archives a metric or attribute (METRIC-5, ATTR-5). Returns false if no active row matched.
   * {@code table} is one of the fixed configuration table names.
   */
  public boolean archive(Tx tx, Scope scope, String table, String id) throws SQLException {
    if (!table.equals("metrics") && !table.equals("attributes")) {
      throw new IllegalArgumentException(table);
    }
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE " + table + " SET status = 'archived' WHERE id = ? AND env_id = ?"
                    + " AND tenant_id = ? AND status = 'active'")) {
      ps.setString(1, id);
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * ATTR-5: drops a deleted user attribute's stored values from every user of the scope, bumping
   * the changed users' state versions ({@link UserRepository#rewriteLocked}: on PostgreSQL the rows
   * holding the key are locked as they are read).
   */
  public void removeUserAttributeValues(Tx tx, Scope scope, String key) throws SQLException {
    boolean postgres = tx.dialect() == Dialect.POSTGRESQL;
    UserRepository.rewriteLocked(
        tx,
        "attributes",
        "env_id = ? AND tenant_id = ?" + (postgres ? " AND jsonb_exists(attributes::jsonb, ?)" : ""),
        postgres
            ? List.of(scope.environmentId(), scope.tenantId(), key)
            : List.of(scope.environmentId(), scope.tenantId()),
        attributes -> {
          var attrs = new java.util.TreeMap<>(Json.stringMap(attributes));
          return attrs.remove(key) != null ? Json.write(attrs) : null;
        });
  }

  private static long nextSeq(Tx tx, String table) throws SQLException {
    try (PreparedStatement ps =
            tx.connection().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bindScope(PreparedStatement ps, Scope scope) throws SQLException {
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
  }
}
