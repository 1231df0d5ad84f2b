package dev.laurel.store;

import dev.laurel.engine.Scope;
import dev.laurel.engine.user.Preferences;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A migration test on both backends: a store migrated up to {@link #fromVersion()}, rows written
 * into it as that version stored them, then the store opened as the server opens it (migrated to
 * the latest version) and checked.
 */
abstract class UpgradeContract {
  static final Scope SCOPE = Scope.defaultTenant("env");
  static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  /** The version the store is at before the upgrade. */
  abstract String fromVersion();

  /** Writes rows as {@link #fromVersion()} stored them (as user {@code postgres} on PostgreSQL). */
  abstract void writeRows(Connection c) throws Exception;

  /** Checks the upgraded store. */
  abstract void checkUpgraded(Database db) throws Exception;

  @Test
  void sqlite_keeps_what_was_stored_before_the_upgrade() throws Exception {
    Path dir = TestDatabases.temporaryDirectory("laurel-upgrade");
    prepare("jdbc:sqlite:" + dir.resolve("laurel.db").toAbsolutePath(), null, Dialect.SQLITE);
    try (Database db = Database.openSqlite(dir)) {
      checkUpgraded(db);
    }
  }

  @Test
  void postgres_keeps_what_was_stored_before_the_upgrade() throws Exception {
    String name = TestDatabases.createPostgresDatabase();
    try {
      prepare("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", Dialect.POSTGRESQL);
      try (Database db = TestDatabases.postgres(name)) {
        checkUpgraded(db);
      }
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }

  /** Users rows of {@link #SCOPE} as every version since V1 stores them, named {@code name}. */
  static void insertUsers(Connection c, String name, String... ids) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO users (env_id, tenant_id, id, email, name, tz, device_tokens, subscribe_to_emails,"
            + " attributes, control, preferences, created, updated) VALUES ('env', '', ?, NULL, ?, 'UTC',"
            + " '[]', ?, '{}', ?, ?, ?, ?)")) {
      for (String id : ids) {
        ps.setString(1, id);
        ps.setString(2, name);
        ps.setBoolean(3, true);
        ps.setBoolean(4, false);
        ps.setString(5, Json.write(Preferences.NONE));
        ps.setLong(6, T0.toEpochMilli());
        ps.setLong(7, T0.toEpochMilli());
        ps.executeUpdate();
      }
    }
  }

  private void prepare(String url, String user, Dialect dialect) throws Exception {
    Flyway.configure()
        .dataSource(url, user, null)
        .locations("classpath:" + dialect.migrations())
        .outOfOrder(true)
        .target(fromVersion())
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, user, null)) {
      writeRows(c);
    }
  }
}
