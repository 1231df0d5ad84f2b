package dev.laurel.store;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
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
 *
 * <p>Issue 8: a checkpoint writes thousands of random pages into the database file, and SQLite's
 * own fsync of them at its end held every commit's WAL fsync behind it for 100–300 ms. So the
 * checkpoint connection runs with {@code synchronous=OFF} and this class makes the database file
 * durable itself: a flusher fsyncs it every few milliseconds while the checkpoint writes (small
 * steps a commit can slip between), and once more when it is done. Until then a guard connection
 * holds a read transaction begun before the checkpoint, which keeps the writer from starting the
 * WAL over (SQLite restarts the WAL only when no reader holds a mark in it), so no frame is
 * overwritten before the pages copied from it are on disk. The descriptor this class fsyncs stays
 * open until every SQLite connection of the process to the file is closed ({@link #release}):
 * closing a descriptor of the file would drop their POSIX locks.
 */
final class SqliteWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
  /** The writer's page cache in KiB (SQLite reads a negative cache_size as KiB): 16 MiB. */
  private static final int CACHE_KIB = 16 * 1024;
  /** WAL pages after which a commit checkpoints itself, should the background thread lag. */
  private static final int BACKSTOP_PAGES = 50_000;
  /** What the WAL file is cut back to when SQLite starts it over after a complete checkpoint. */
  private static final long WAL_KEPT_BYTES = 64L << 20;
  /** Short: the less each checkpoint copies, the shorter the flush a commit may queue behind. */
  private static final long CHECKPOINT_EVERY_MILLIS = 100;
  private static final long FLUSH_EVERY_MILLIS = 5;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Connection checkpointer;
  private final Connection guard;
  /** Read-only; fsynced with {@link FileDescriptor#sync}, which, unlike a channel, an interrupt cannot close. */
  private final RandomAccessFile databaseFile;
  private final Thread checkpoints;
  private final Thread flusher;
  private volatile boolean checkpointing;
  private volatile boolean open = true;

  SqliteWriter(Path file) {
    try {
      connection = connect(file, CACHE_KIB);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_PAGES);
        s.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
      }
      connection.setAutoCommit(false);
      SQLiteConfig unsynced = settings();
      unsynced.setCacheSize(-2 * 1024);
      unsynced.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
      checkpointer = unsynced.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      guard = connect(file, 256);
      guard.setAutoCommit(false);
      databaseFile = new RandomAccessFile(file.toFile(), "r");
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open the embedded store's writer: " + e.getMessage(), e);
    }
    checkpoints = Thread.ofPlatform().name("laurel-sqlite-checkpoint").daemon().start(this::checkpointLoop);
    flusher = Thread.ofPlatform().name("laurel-sqlite-flush").daemon().start(this::flushLoop);
  }

  /** Settings shared by every connection to the embedded store. */
  static SQLiteConfig settings() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    // Issue 8: else the driver runs "SELECT last_insert_rowid()" as a new statement after every
    // INSERT (upserts included), for getGeneratedKeys(), which nothing here calls.
    config.setGetGeneratedKeys(false);
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
        checkpoint();
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | IOException e) {
        if (open) {
          LOG.warn("background checkpoint failed (the next one retries): {}", e.getMessage());
        }
      }
    }
  }

  /** One checkpoint, durable before the WAL may start over (see the class comment). */
  private void checkpoint() throws SQLException, IOException {
    try (Statement read = guard.createStatement()) {
      read.executeQuery("SELECT COUNT(*) FROM settings").close(); // begins the guard's read transaction
      try (Statement s = checkpointer.createStatement()) {
        checkpointing = true;
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } finally {
        checkpointing = false;
      }
      databaseFile.getFD().sync();
    } finally {
      guard.rollback(); // ends the read transaction
    }
  }

  /** Fsyncs the database file in small steps while a checkpoint writes to it. */
  private void flushLoop() {
    while (open) {
      try {
        if (checkpointing) {
          databaseFile.getFD().sync();
        }
        Thread.sleep(FLUSH_EVERY_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        if (open) {
          LOG.warn("flushing the database file failed (the checkpoint's own flush follows): {}", e.getMessage());
        }
      }
    }
  }

  /** Closes the database file's descriptor: call after every connection to the file was closed. */
  void release() {
    try {
      databaseFile.close();
    } catch (IOException e) {
      LOG.warn("closing the embedded store's file: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    open = false;
    checkpoints.interrupt();
    flusher.interrupt();
    try {
      checkpoints.join(5_000);
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      Tx.closeAll(statements);
      // The checkpointer first: the last connection to close checkpoints, and must not be it, as
      // it does not fsync.
      checkpointer.close();
      connection.rollback();
      connection.close();
      guard.close();
    } catch (SQLException e) {
      LOG.warn("closing the embedded store's writer: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
