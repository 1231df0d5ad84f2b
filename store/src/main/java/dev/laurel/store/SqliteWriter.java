package dev.laurel.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store's one writer (SQLite allows one at a time): a connection of its own, kept for
 * the life of the store, so that its page cache stays warm across transactions (a pooled connection
 * loses its cache whenever another connection commits) and its prepared statements are reused by
 * every transaction instead of being prepared again.
 *
 * <p>Durability is unchanged: WAL with {@code synchronous=FULL}, so every commit is on disk before
 * it returns. What moves is the checkpoint (copying committed pages from the WAL back into the
 * database file): instead of running inside whichever commit crosses SQLite's threshold, it runs
 * on a background thread of its own connection, so commits only append to the WAL. A high
 * automatic threshold stays as a backstop should the background checkpoint fall behind.
 */
final class SqliteWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
  /** The writer's page cache in KiB (SQLite reads a negative cache_size as KiB): 16 MiB. */
  private static final int CACHE_KIB = 16 * 1024;
  /** WAL pages after which a commit checkpoints itself, should the background thread lag. */
  private static final int BACKSTOP_PAGES = 50_000;
  /** What the WAL file is cut back to when SQLite starts it over after a complete checkpoint. */
  private static final long WAL_KEPT_BYTES = 64L << 20;
  private static final long CHECKPOINT_EVERY_MILLIS = 500;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Connection checkpointer;
  private final Thread checkpoints;
  private volatile boolean open = true;

  SqliteWriter(Path file) {
    try {
      connection = connect(file, CACHE_KIB);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_PAGES);
        s.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
      }
      connection.setAutoCommit(false);
      checkpointer = connect(file, 2 * 1024);
    } catch (SQLException e) {
      throw new StoreException("cannot open the embedded store's writer: " + e.getMessage(), e);
    }
    checkpoints = Thread.ofPlatform().name("laurel-sqlite-checkpoint").daemon().start(this::checkpointLoop);
  }

  /** Settings shared by every connection to the embedded store. */
  static SQLiteConfig settings() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    return config;
  }

  private static Connection connect(Path file, int cacheKib) throws SQLException {
    SQLiteConfig config = settings();
    config.setCacheSize(-cacheKib);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** Runs {@code work} as one transaction of the writer: all of it commits, or none of it. */
  <T> T write(Dialect dialect, Sql.TxWork<T> work) {
    lock.lock();
    try {
      return new Tx(connection, dialect, statements).commit(work);
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void checkpointLoop() {
    while (open) {
      try {
        Thread.sleep(CHECKPOINT_EVERY_MILLIS);
        try (Statement s = checkpointer.createStatement()) {
          s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        if (open) {
          LOG.warn("background checkpoint failed (the next one retries): {}", e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    open = false;
    checkpoints.interrupt();
    try {
      checkpoints.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      connection.rollback();
      connection.close();
      checkpointer.close();
    } catch (SQLException e) {
      LOG.warn("closing the embedded store's writer: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
