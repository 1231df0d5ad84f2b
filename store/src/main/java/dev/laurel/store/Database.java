package dev.laurel.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;

/**
 * The connection side of the store: a pool for reads, serialised write transactions, migrations at
 * open. SQLite (the embedded default) has exactly one writer, so writes go through {@link
 * SqliteWriter}, one at a time; PostgreSQL writes run on pooled connections.
 */
public final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource pool;
  /** The embedded store's writer; null with PostgreSQL, whose writes run on pooled connections. */
  private final SqliteWriter writer;
  /**
   * Issue 8, embedded store: the statements of {@link #readPrepared} kept per physical reader
   * connection (SQLite's driver prepares every statement anew, which cost as much as running it).
   * The pool never retires those connections, so the map holds at most one entry per connection.
   */
  private final Map<Connection, Map<String, PreparedStatement>> readerStatements = new ConcurrentHashMap<>();

  private Database(Dialect dialect, HikariDataSource pool, SqliteWriter writer) {
    this.dialect = dialect;
    this.pool = pool;
    this.writer = writer;
  }

  /** Opens (creating if needed) the embedded store {@code laurel.db} under {@code dataDir}. */
  public static Database openSqlite(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Path file = dataDir.resolve("laurel.db");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    config.setMaximumPoolSize(8);
    config.setPoolName("laurel-sqlite");
    config.setMaxLifetime(0); // kept for good: each keeps its prepared statements (readPrepared)
    config.setDataSourceProperties(SqliteWriter.settings().toProperties());
    HikariDataSource pool = migrated(Dialect.SQLITE, config);
    try {
      return new Database(Dialect.SQLITE, pool, new SqliteWriter(file));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Connections a node keeps to PostgreSQL unless told otherwise ({@code --database-pool}). A user
   * session that reads the user's state from the store holds one from its first statement to its
   * commit, the rankings' Redis calls included; sessions of users whose state the node keeps are
   * written by the group commit, one connection per group (issue 8, docs/ARCHITECTURE.md). The
   * default leaves room for three nodes under PostgreSQL's default {@code max_connections} of 100.
   */
  public static final int DEFAULT_POSTGRES_POOL = 32;

  /** Opens a PostgreSQL store from a JDBC URL and optional credentials. */
  public static Database openPostgres(String jdbcUrl, String user, String password) {
    return openPostgres(jdbcUrl, user, password, DEFAULT_POSTGRES_POOL);
  }

  /** Same as {@link #openPostgres(String, String, String)}, with {@code poolSize} connections. */
  public static Database openPostgres(String jdbcUrl, String user, String password, int poolSize) {
    if (poolSize < 2) {
      // Flyway's migration takes two: one holds its lock while the other migrates.
      throw new IllegalArgumentException("the database pool needs at least two connections (got " + poolSize + ")");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("laurel-postgres");
    // Fail fast while the database is unreachable (503 + Retry-After) instead of queueing requests.
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(1_000);
    config.addDataSourceProperty("connectTimeout", "3");
    config.addDataSourceProperty("socketTimeout", "30");
    return new Database(Dialect.POSTGRESQL, migrated(Dialect.POSTGRESQL, config), null);
  }

  private static HikariDataSource migrated(Dialect dialect, HikariConfig config) {
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:" + dialect.migrations())
          // Features landed with reserved version numbers in any order (V2 streaks after V3).
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("database migration failed: " + e.getMessage(), e);
    }
    return pool;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Runs read-only work on a pooled connection in auto-commit mode. */
  public <T> T read(Sql.Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs read-only work whose statements are prepared through {@code work}'s {@link Sql.Statements}
   * (not closed by the work). With SQLite they are kept for the connection and reused by the next
   * read on it; with PostgreSQL, whose driver caches prepared statements itself, they are closed
   * when the work is done.
   */
  public <T> T readPrepared(Sql.PreparedWork<T> work) {
    try (Connection c = pool.getConnection()) {
      if (dialect == Dialect.SQLITE) {
        Connection raw = c.unwrap(org.sqlite.SQLiteConnection.class);
        Map<String, PreparedStatement> kept = readerStatements.computeIfAbsent(raw, k -> new HashMap<>());
        return work.run(sql -> Tx.kept(raw, kept, sql));
      }
      List<PreparedStatement> opened = new ArrayList<>();
      try {
        return work.run(sql -> {
          PreparedStatement ps = c.prepareStatement(sql);
          opened.add(ps);
          return ps;
        });
      } finally {
        for (PreparedStatement ps : opened) {
          ps.close();
        }
      }
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  /** Runs work in one transaction: all of it commits, or none of it (GEN-14). */
  public <T> T write(Sql.TxWork<T> work) {
    if (writer != null) {
      return writer.write(dialect, work);
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      Tx tx = new Tx(c, dialect);
      try {
        return tx.commit(work);
      } finally {
        tx.closeStatements();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
  }

  /**
   * Commits {@code work} like {@link #write}, but the embedded store may return before the commit
   * is on disk: pass the returned ticket to {@link #syncThrough} before anything relies on it (the
   * group commit writes its next group meanwhile). PostgreSQL's commits are durable when they
   * return (ticket 0).
   */
  public long writeDeferringSync(Sql.TxWork<?> work) {
    if (writer != null) {
      return writer.writeDeferringSync(dialect, work);
    }
    write(work);
    return 0;
  }

  /** The embedded store's writer (null with PostgreSQL), for tests. */
  SqliteWriter writer() {
    return writer;
  }

  /** Returns once the commit of {@link #writeDeferringSync} with this ticket is on disk. */
  public void syncThrough(long ticket) {
    if (writer != null) {
      writer.syncThrough(ticket);
    }
  }

  /**
   * Runs {@code work} while holding an installation-wide lock named {@code name}: with PostgreSQL a
   * session advisory lock, so that nodes sharing the database take turns (e.g. applying the same
   * configuration file at start); with the embedded store, which has one node, it just runs.
   */
  public void exclusively(String name, Runnable work) {
    if (dialect != Dialect.POSTGRESQL) {
      work.run();
      return;
    }
    try (Connection c = pool.getConnection()) {
      lock(c, "SELECT pg_advisory_lock(hashtextextended(?, 1))", name);
      try {
        work.run();
      } finally {
        lock(c, "SELECT pg_advisory_unlock(hashtextextended(?, 1))", name);
      }
    } catch (SQLException e) {
      throw new StoreException("database lock failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} only if no other node is running work of the same name right now (a
   * non-blocking advisory lock with PostgreSQL): for scheduled jobs that must run once across nodes.
   * Returns whether it ran.
   */
  public boolean ifFirst(String name, Runnable work) {
    if (dialect != Dialect.POSTGRESQL) {
      work.run();
      return true;
    }
    try (Connection c = pool.getConnection()) {
      boolean acquired;
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 1))")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          acquired = rs.getBoolean(1);
        }
      }
      if (!acquired) {
        return false;
      }
      try {
        work.run();
      } finally {
        lock(c, "SELECT pg_advisory_unlock(hashtextextended(?, 1))", name);
      }
      return true;
    } catch (SQLException e) {
      throw new StoreException("database lock failed: " + e.getMessage(), e);
    }
  }

  private static void lock(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      ps.execute();
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
    readerStatements.values().forEach(Tx::closeAll);
    readerStatements.clear();
    pool.close();
    if (writer != null) {
      writer.release(); // after the pool: closing its descriptor earlier would drop the readers' locks
    }
  }
}
