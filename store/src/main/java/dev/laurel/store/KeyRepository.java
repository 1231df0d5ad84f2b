package dev.laurel.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Admin and application API keys, and installation settings such as the key-hash pepper. */
public final class KeyRepository {
  private final Database db;

  public KeyRepository(Database db) {
    this.db = db;
  }

  /** Returns the stored setting, storing {@code value} first if there is none. */
  public String settingOrInit(String name, String value) {
    return db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("SELECT value FROM settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return rs.getString(1);
              }
            }
          }
          try (PreparedStatement ps =
              tx.connection().prepareStatement("INSERT INTO settings (name, value) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
          }
          return value;
        });
  }

  /** The key with this prefix, admin or application, or null. */
  public ApiKeyRecord byPrefix(String prefix) {
    return db.read(
        c -> {
          String sql =
              prefix.startsWith("app_")
                  ? "SELECT id, env_id, prefix, hash, 'active' AS status, tenant_id, user_id, created,"
                      + " NULL AS last_used FROM application_keys WHERE prefix = ?"
                  : "SELECT id, env_id, prefix, hash, status, NULL AS tenant_id, NULL AS user_id,"
                      + " created, last_used FROM admin_keys WHERE prefix = ?";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? key(rs) : null;
            }
          }
        });
  }

  /** Admin keys of an environment in creation order. */
  public List<ApiKeyRecord> adminKeys(String envId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, env_id, prefix, hash, status, NULL AS tenant_id, NULL AS user_id, created,"
                      + " last_used FROM admin_keys WHERE env_id = ? ORDER BY created, id")) {
            ps.setString(1, envId);
            List<ApiKeyRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(key(rs));
              }
            }
            return out;
          }
        });
  }

  public void insertAdminKey(Tx tx, String id, String envId, String prefix, String hash, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO admin_keys (id, env_id, prefix, hash, status, created)"
                    + " VALUES (?, ?, ?, ?, 'active', ?)")) {
      ps.setString(1, id);
      ps.setString(2, envId);
      ps.setString(3, prefix);
      ps.setString(4, hash);
      ps.setLong(5, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** AUTH-10: revoke or reactivate. Returns false if no such admin key. */
  public boolean setAdminKeyStatus(String prefix, String status) {
    return db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("UPDATE admin_keys SET status = ? WHERE prefix = ?")) {
            ps.setString(1, status);
            ps.setString(2, prefix);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** AUTH-10: permanent deletion. Returns false if no such admin key. */
  public boolean deleteAdminKey(String prefix) {
    return db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM admin_keys WHERE prefix = ?")) {
            ps.setString(1, prefix);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** AUTH-10: rotation replaces prefix and secret; the old key fails from then on. */
  public boolean rotateAdminKey(String oldPrefix, String newPrefix, String newHash) {
    return db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement("UPDATE admin_keys SET prefix = ?, hash = ? WHERE prefix = ?")) {
            ps.setString(1, newPrefix);
            ps.setString(2, newHash);
            ps.setString(3, oldPrefix);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** AUTH-9: records use, at most once a minute per key. */
  public void touchAdminKey(String id, Instant now) {
    db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "UPDATE admin_keys SET last_used = ? WHERE id = ?"
                          + " AND (last_used IS NULL OR last_used < ?)")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
            ps.setLong(3, now.toEpochMilli() - 60_000);
            return ps.executeUpdate();
          }
        });
  }

  public void insertApplicationKey(
      Tx tx, String id, String envId, String tenantId, String userId, String prefix, String hash, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO application_keys (id, env_id, tenant_id, user_id, prefix, hash, created)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, envId);
      ps.setString(3, tenantId);
      ps.setString(4, userId);
      ps.setString(5, prefix);
      ps.setString(6, hash);
      ps.setLong(7, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** AUTH-12: returns false if the environment has no application key with this id. */
  public boolean deleteApplicationKey(Tx tx, String envId, String id) throws SQLException {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("DELETE FROM application_keys WHERE env_id = ? AND id = ?")) {
      ps.setString(1, envId);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  private static ApiKeyRecord key(ResultSet rs) throws SQLException {
    long lastUsed = rs.getLong("last_used");
    boolean hasLastUsed = !rs.wasNull();
    return new ApiKeyRecord(
        rs.getString("id"),
        rs.getString("env_id"),
        rs.getString("prefix"),
        rs.getString("hash"),
        rs.getString("status"),
        rs.getString("tenant_id"),
        rs.getString("user_id"),
        Instant.ofEpochMilli(rs.getLong("created")),
        hasLastUsed ? Instant.ofEpochMilli(lastUsed) : null);
  }
}
