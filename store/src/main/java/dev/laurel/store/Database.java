package dev.laurel.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The connection side of the store: a pool for reads, serialised write transactions, migrations at
 * open. SQLite (the embedded default) has exactly one writer, so writes take a lock; PostgreSQL
 * writes run on pooled connections.
 */
public final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final ReentrantLock writeLock = new ReentrantLock(true);

  private Database(Dialect dialect, HikariDataSource pool) {
    this.dialect = dialect;
    this.pool = pool;
  }

  /** Opens (creating if needed) the embedded store {@code laurel.db} under {@code dataDir}. */
  public static Database openSqlite(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve("laurel.db").toAbsolutePath());
    config.setMaximumPoolSize(8);
    config.setPoolName("laurel-sqlite");
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("foreign_keys", "true");
    return open(Dialect.SQLITE, config);
  }

  /** Opens a PostgreSQL store from a JDBC URL and optional credentials. */
  public static Database openPostgres(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(16);
    config.setPoolName("laurel-postgres");
    // Fail fast while the database is unreachable (503 + Retry-After) instead of queueing requests.
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(1_000);
    config.addDataSourceProperty("connectTimeout", "3");
    config.addDataSourceProperty("socketTimeout", "30");
    return open(Dialect.POSTGRESQL, config);
  }

  private static Database open(Dialect dialect, HikariConfig config) {
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
    return new Database(dialect, pool);
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

  /** Runs work in one transaction: all of it commits, or none of it (GEN-14). */
  public <T> T write(Sql.TxWork<T> work) {
    boolean serial = dialect == Dialect.SQLITE;
    if (serial) {
      writeLock.lock();
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      Tx tx = new Tx(c, dialect);
      try {
        T result = work.run(tx);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        tx.closeStatements();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    } finally {
      if (serial) {
        writeLock.unlock();
      }
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
    pool.close();
  }
}
