package dev.laurel.store;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Durability is that of WAL with {@code synchronous=FULL}: a commit is on disk before
 * {@link #write} returns. The fsync is this class's own ({@link #syncThrough}), the writer's
 * connection being at {@code synchronous=NORMAL} (in WAL mode: no fsync in a commit, only around
 * checkpoints and when the WAL starts over). One fsync of the WAL file covers every commit written
 * before it, so the group commit writes its next group while the previous one is flushed, and
 * answers a group only once a flush that began after its commit has ended
 * ({@link #writeDeferringSync}).
 *
 * <p>Checkpoints (copying committed pages from the WAL back into the database file) run every
 * {@value #CHECKPOINT_EVERY_MILLIS} ms on a background thread and connection of their own, so that
 * commits only append to the WAL; a high automatic threshold stays as a backstop should it fall
 * behind. Once the WAL reaches {@value #RESTART_PAGES} pages a checkpoint catches up, its last
 * short pass with commits held back, so that the WAL starts over ({@link #checkpoint}). That
 * connection is at {@code synchronous=NORMAL} too, so SQLite itself fsyncs the WAL
 * before copying from it (no page of a commit not yet flushed reaches the database file) and the
 * database file before it lets the WAL start over. Issue 8: a checkpoint writes thousands of random
 * pages, and one fsync of them all at its end held the commits' flushes behind it for 100–300 ms;
 * so a flusher fsyncs the database file every {@value #FLUSH_EVERY_MILLIS} ms while a checkpoint
 * writes, and SQLite's own fsync at its end finds little left. The descriptors this class fsyncs
 * stay open until every SQLite connection of the process to the files is closed ({@link #release}):
 * closing a descriptor of a file drops the process's POSIX locks on it.
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
  /**
   * WAL pages (4 KiB each: 32 MiB) from which a checkpoint catches up so that the WAL starts over;
   * with what is committed while it does, the file stays under {@link #WAL_KEPT_BYTES}, so it is
   * never cut back and written anew.
   */
  private static final long RESTART_PAGES = 8_192;
  /**
   * Catching up ends when a pass finds fewer new pages than this: what is committed during the last
   * flush and pass is left to the pass that holds commits back.
   */
  private static final long HELD_BACK_PAGES = 64;
  private static final int CATCH_UP_PASSES = 3;
  /** How long commits are not held back again after a held pass that a reader kept from finishing. */
  private static final long HELD_PASS_BACKOFF_MILLIS = 1_000;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final long restartPages;
  private final AtomicLong heldPasses = new AtomicLong();
  /** {@link System#nanoTime} before which the checkpoint holds no commits back (its thread's own). */
  private long noHeldPassBefore = System.nanoTime();
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Connection checkpointer;
  /** Read-only; fsynced with {@link FileDescriptor#sync}, which, unlike a channel, an interrupt cannot close. */
  private final RandomAccessFile databaseFile;
  private final Thread checkpoints;
  private final Thread flusher;
  private volatile boolean checkpointing;
  private volatile boolean open = true;
  private final Path walPath;
  /** Commits whose frames are in the WAL file, counted after each one. */
  private final AtomicLong written = new AtomicLong();
  /** The commits known to be on disk: those counted when the last fsync of the WAL file began. */
  private volatile long durable;
  private final ReentrantLock syncLock = new ReentrantLock();
  /**
   * Set by a failed fsync, after which no commit is ever reported durable: Linux may have dropped
   * the unwritten pages, so a later fsync that succeeds proves nothing (a restart recovers).
   */
  private volatile IOException flushFailed;
  /** Opened at the first flush (read-only, fsynced like {@link #databaseFile}); guarded by syncLock. */
  private RandomAccessFile walFile;

  SqliteWriter(Path file) {
    this(file, RESTART_PAGES);
  }

  /** A writer whose checkpoints start the WAL over once it holds {@code restartPages} pages. */
  SqliteWriter(Path file, long restartPages) {
    this.restartPages = restartPages;
    try {
      walPath = file.resolveSibling(file.getFileName() + "-wal");
      connection = connect(file, CACHE_KIB);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA synchronous = NORMAL"); // commits are flushed by syncThrough instead
        s.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_PAGES);
        s.execute("PRAGMA journal_size_limit = " + WAL_KEPT_BYTES);
      }
      connection.setAutoCommit(false);
      SQLiteConfig checkpoints = settings();
      checkpoints.setCacheSize(-2 * 1024);
      checkpoints.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      checkpointer = checkpoints.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
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

  /**
   * Runs {@code work} as one transaction of the writer: all of it commits, or none of it; returns
   * once the commit is on disk.
   */
  <T> T write(Dialect dialect, Sql.TxWork<T> work) {
    Committed<T> done = commit(dialect, work);
    syncThrough(done.ticket());
    return done.value();
  }

  /**
   * Commits {@code work} like {@link #write} but returns before the commit is on disk: the ticket
   * it returns is then passed to {@link #syncThrough}, before anything relies on the commit.
   */
  long writeDeferringSync(Dialect dialect, Sql.TxWork<?> work) {
    return commit(dialect, work).ticket();
  }

  /** A transaction's result, and the ticket that {@link #syncThrough} takes for its commit. */
  private record Committed<T>(T value, long ticket) {}

  private <T> Committed<T> commit(Dialect dialect, Sql.TxWork<T> work) {
    lock.lock();
    try {
      T value = new Tx(connection, dialect, statements).commit(work);
      return new Committed<>(value, written.incrementAndGet());
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** How many checkpoint passes held commits back so far (for tests). */
  long heldPasses() {
    return heldPasses.get();
  }

  /** The last ticket known to be on disk (for tests). */
  long durableThrough() {
    return durable;
  }

  /**
   * Returns once the commit with this ticket, and every one before it, is on disk: at once if an
   * fsync of the WAL file that began after it has ended, else after one more (which then covers
   * every commit written by the time it begins, so concurrent callers share it).
   */
  void syncThrough(long ticket) {
    if (durable >= ticket) {
      return;
    }
    syncLock.lock();
    try {
      if (durable >= ticket) {
        return;
      }
      if (flushFailed != null) {
        throw flushFailed;
      }
      long upTo = written.get();
      if (walFile == null) {
        walFile = new RandomAccessFile(walPath.toFile(), "r");
      }
      try {
        walFile.getFD().sync();
      } catch (IOException e) {
        flushFailed = e;
        throw e;
      }
      durable = upTo;
    } catch (IOException e) {
      throw new StoreException("cannot flush the embedded store's log to disk: " + e.getMessage(), e);
    } finally {
      syncLock.unlock();
    }
  }

  private void checkpointLoop() {
    while (open) {
      try {
        Thread.sleep(CHECKPOINT_EVERY_MILLIS);
        checkpoint();
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | IOException | StoreException e) {
        if (open) {
          LOG.warn("background checkpoint failed (the next one retries): {}", e.getMessage());
        }
      }
    }
  }

  /**
   * One checkpoint: SQLite fsyncs the WAL before it and the database file after it. A passive
   * checkpoint copies the frames committed when it began while the writer goes on appending, so on
   * its own it never copies the whole WAL, and SQLite starts the WAL over only once it has: the WAL
   * grew to the backstop (200 MB), commits wrote their pages to parts of the file new to the
   * operating system, and a commit then ran the backstop's checkpoint. So once the WAL holds
   * {@link #restartPages} pages, the checkpoint catches up: the database file flushed, then a pass
   * copying what was committed meanwhile, again while a pass finds {@value #HELD_BACK_PAGES} new
   * pages or more (up to {@value #CATCH_UP_PASSES} times), the WAL flushed, then a last pass with
   * the writer's commits held back — it finds little to copy and less to flush — after which the
   * next commit starts the WAL over from its beginning. Issue 8: with one flush before the held pass,
   * that pass copied and flushed what was committed during the flush of the database file (20–45
   * ms at 5,000 events/s), holding commits for 11–27 ms; flushed again after each pass it holds them
   * for 3 ms (median; at most 8). A reader still reading an older snapshot keeps
   * that pass from copying everything, and the WAL from starting over; commits are then not held
   * back again for {@value #HELD_PASS_BACKOFF_MILLIS} ms, so that steady reads do not hold the
   * writer every {@value #CHECKPOINT_EVERY_MILLIS} ms.
   */
  private void checkpoint() throws SQLException, IOException {
    try (Statement s = checkpointer.createStatement()) {
      checkpointing = true;
      long[] frames = passiveCheckpoint(s);
      if (frames[0] < restartPages || System.nanoTime() - noHeldPassBefore < 0) {
        return;
      }
      for (int pass = 0; pass < CATCH_UP_PASSES; pass++) {
        databaseFile.getFD().sync();
        long copied = frames[1];
        frames = passiveCheckpoint(s);
        if (frames[1] - copied < HELD_BACK_PAGES) {
          break;
        }
      }
      syncThrough(written.get());
      lock.lock();
      try {
        frames = passiveCheckpoint(s);
        heldPasses.incrementAndGet();
      } finally {
        lock.unlock();
      }
      if (frames[1] < frames[0]) {
        noHeldPassBefore = System.nanoTime() + HELD_PASS_BACKOFF_MILLIS * 1_000_000;
      }
    } finally {
      checkpointing = false;
    }
  }

  /** Frames in the WAL and frames copied into the database file, after one passive checkpoint. */
  private static long[] passiveCheckpoint(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return r.next() ? new long[] {r.getLong(2), r.getLong(3)} : new long[] {0, 0};
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
      if (walFile != null) {
        walFile.close();
      }
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
      checkpointer.close();
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the embedded store's writer: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
