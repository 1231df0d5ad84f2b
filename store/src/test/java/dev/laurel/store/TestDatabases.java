package dev.laurel.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The real databases of this machine for tests (never mocks): a fresh SQLite file, or a fresh
 * database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
 */
public final class TestDatabases {
  public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  /** Temporary files and directories of this test run, deleted when its JVM exits. */
  private static final List<Path> TEMPORARY = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMPORARY.forEach(TestDatabases::deleteTree)));
  }

  private TestDatabases() {}

  /**
   * A new temporary directory, deleted with everything in it when the test JVM exits (the stores
   * that tests open in them take tens of megabytes each; a test run left hundreds behind).
   */
  public static Path temporaryDirectory(String prefix) {
    try {
      return remember(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new temporary file, deleted when the test JVM exits. */
  public static Path temporaryFile(String prefix, String suffix) {
    try {
      return remember(Files.createTempFile(prefix, suffix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path remember(Path path) {
    TEMPORARY.add(path);
    return path;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // already gone, or not ours to delete any more: nothing to do at exit
    }
  }

  public static Database sqlite() {
    return Database.openSqlite(temporaryDirectory("laurel-store-test"));
  }

  /** A database created for this test run; {@link #dropPostgres(String)} removes it. */
  public static String createPostgresDatabase() {
    return createPostgresDatabase("");
  }

  /** As {@link #createPostgresDatabase()}, with options of {@code CREATE DATABASE} (a collation, say). */
  public static String createPostgresDatabase(String options) {
    String name = "laurel_test_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE DATABASE " + name + options);
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

  /** A users row of {@code userId} in {@code scope} with these attributes (JSON) and nothing else set. */
  public static void insertUser(Database db, dev.laurel.engine.Scope scope, String userId, String attributes) {
    db.write(tx -> tx.update(
        "INSERT INTO users (env_id, tenant_id, id, device_tokens, subscribe_to_emails, attributes, control,"
            + " preferences, created, updated) VALUES (?, ?, ?, '[]', FALSE, ?, FALSE, '{}', 0, 0)",
        scope.environmentId(), scope.tenantId(), userId, attributes));
  }

  /** A column of the users row of {@code userId} (in any scope), as text; null if there is none. */
  public static String userColumn(Database db, String userId, String column) {
    return db.read(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM users WHERE id = ?")) {
        ps.setString(1, userId);
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
