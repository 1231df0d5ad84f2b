package dev.laurel.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real databases of this machine for tests (never mocks): a fresh SQLite file, or a fresh
 * database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
 */
public final class TestDatabases {
  public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private TestDatabases() {}

  public static Database sqlite() {
    try {
      return Database.openSqlite(Files.createTempDirectory("laurel-store-test"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A database created for this test run; {@link #dropPostgres(String)} removes it. */
  public static String createPostgresDatabase() {
    String name = "laurel_test_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE DATABASE " + name);
    return name;
  }

  public static Database postgres(String name) {
    return Database.openPostgres("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", null);
  }

  public static void dropPostgres(String name) {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The value of the {@code settings} row {@code name}, or null: a row the store tests write and read back. */
  public static String setting(Database db, String name) {
    return db.read(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
        ps.setString(1, name);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for this test: " + e.getMessage(), e);
    }
  }

}
