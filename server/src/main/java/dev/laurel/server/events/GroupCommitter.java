package dev.laurel.server.events;

import dev.laurel.engine.CodePoints;
import dev.laurel.store.Database;
import dev.laurel.store.Dialect;
import dev.laurel.store.Sql;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN "durable before acknowledged": units of work that arrive together are written in one
 * transaction, and each waiting caller is released only when that transaction has committed. A
 * unit that fails is rolled back alone: the group is then written again with a savepoint per unit
 * (one name, reused: savepoints are not nested here, and the statements are prepared once for the
 * writer's connection).
 *
 * <p>Units carry the <em>generation</em> in which their state was read. Any failure starts a new
 * generation, and queued units of an older generation are refused instead of written: they may have
 * been computed from state that will now never be committed (see {@link UserStates}).
 *
 * <p>Issue 8: a group's commit is flushed to disk by a second thread ({@link Database#syncThrough}),
 * which then releases its callers, while the writer goes on with the next group; one flush covers
 * every group committed before it began. A failed flush fails its groups and starts a new
 * generation.
 *
 * <p>On PostgreSQL (issue 8) the units are the sessions of users whose states a node keeps ({@link
 * LockingUserStates}), each starting with its claim of the user's row: they carry no generation
 * ({@link #CHECKED_WHEN_WRITTEN}), and a group is written in the order of the units' keys, so that
 * two nodes' groups lock the users' rows in the same order and never wait for each other in a
 * cycle. Their writes are queued and sent as one batch per statement ({@link Tx#endUnit()}), and
 * the commit, when the group is written whole, is one more round trip.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  private static final int MAX_GROUP = 512;

  /**
   * The generation of a unit whose state is checked in the store when it is written (a claim): it is
   * never refused as stale, and its failure starts no new generation.
   */
  public static final long CHECKED_WHEN_WRITTEN = Long.MIN_VALUE;

  /**
   * Orders a group's units: by key (null first), else in the order they came. Keys compare by code
   * point, the order of PostgreSQL's {@code "C"} collation in which admin rewrites lock users rows
   * ({@code UserRepository.IN_LOCK_ORDER}).
   */
  private static final Comparator<Pending> BY_KEY =
      Comparator.comparing(Pending::key, Comparator.nullsFirst(CodePoints::compare));

  private record Pending(long generation, String key, Sql.TxWork<?> work, CompletableFuture<Void> done) {
    boolean checkedWhenWritten() {
      return generation == CHECKED_WHEN_WRITTEN;
    }

    boolean stale(long current) {
      return !checkedWhenWritten() && generation != current;
    }
  }

  /** Units committed under {@code ticket}, released once it is on disk. */
  private record Committed(long ticket, List<Pending> units) {}

  private final Database db;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Committed> committed = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Thread flusher;
  private volatile boolean running = true;
  private final AtomicLong generation = new AtomicLong();

  public GroupCommitter(Database db) {
    this.db = db;
    this.writer = Thread.ofPlatform().name("laurel-group-commit").daemon().start(this::loop);
    this.flusher = Thread.ofPlatform().name("laurel-group-flush").daemon().start(this::flushLoop);
  }

  /** The current generation: read it before reading the state that a unit will write. */
  public long generation() {
    return generation.get();
  }

  /** Queues {@code work} for the next group; the future completes when that group committed. */
  public CompletableFuture<Void> submit(long readGeneration, Sql.TxWork<?> work) {
    return submit(readGeneration, null, work);
  }

  /**
   * Same as {@link #submit(long, Sql.TxWork)}; a group writes its units with keys in the order of
   * their keys (after those without, in the order they came).
   */
  public CompletableFuture<Void> submit(long readGeneration, String key, Sql.TxWork<?> work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      throw new IllegalStateException("the server is shutting down");
    }
    queue.add(new Pending(readGeneration, key, work, done));
    return done;
  }

  /** Units queued for the next group (for tests). */
  int queued() {
    return queue.size();
  }

  /** Writes {@code work} in the next group and blocks until that group committed. */
  public void commit(Sql.TxWork<?> work) {
    await(submit(generation(), work));
  }

  /** Waits for a submitted unit; its failure is rethrown as it was raised. */
  public static void await(CompletableFuture<Void> done) {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private void loop() {
    inBatches(queue, MAX_GROUP, () -> running, this::writeGroup);
  }

  private void flushLoop() {
    inBatches(committed, Integer.MAX_VALUE, writer::isAlive, this::flush);
  }

  /**
   * Hands what {@code queue} holds to {@code process}, up to {@code max} items at a time, for as
   * long as {@code more} says items may still come or the queue is not empty; the list passed is
   * reused for the next batch.
   */
  private static <T> void inBatches(BlockingQueue<T> queue, int max, BooleanSupplier more, Consumer<List<T>> process) {
    List<T> batch = new ArrayList<>();
    while (more.getAsBoolean() || !queue.isEmpty()) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, max - 1);
        process.accept(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** One flush for every group committed so far, then their callers are released in order. */
  private void flush(List<Committed> ready) {
    try {
      db.syncThrough(ready.getLast().ticket());
    } catch (RuntimeException e) {
      generation.incrementAndGet();
      LOG.error("flushing {} committed groups failed", ready.size(), e);
      ready.forEach(c -> c.units().forEach(p -> p.done().completeExceptionally(e)));
      return;
    }
    ready.forEach(c -> c.units().forEach(p -> p.done().complete(null)));
  }

  /**
   * Writes the group in one transaction, without savepoints: units almost never fail, and a
   * savepoint per unit made SQLite copy every page the unit touched into a statement journal. If a
   * unit does fail, the whole transaction was rolled back and the group is written again unit by
   * unit ({@link #writeUnits}), each to its own savepoint, so that only the failing unit and those
   * built on it are refused. Units only write values computed before, so running one twice is safe.
   */
  private void writeGroup(List<Pending> group) {
    List<Pending> current = new ArrayList<>(group.size());
    for (Pending p : group) {
      if (p.stale(generation.get())) {
        p.done().completeExceptionally(stale());
      } else {
        current.add(p);
      }
    }
    if (current.isEmpty()) {
      return;
    }
    current.sort(BY_KEY); // stable: units without keys keep their order
    long ticket;
    try {
      ticket =
          db.writeDeferringSync(
              tx -> {
                queueOnPostgres(tx);
                for (Pending p : current) {
                  p.work().run(tx);
                  tx.endUnit();
                }
                return null;
              });
    } catch (RuntimeException e) {
      writeUnits(current);
      return;
    }
    committed.add(new Committed(ticket, current));
  }

  private void writeUnits(List<Pending> group) {
    List<Pending> succeeded = new ArrayList<>(group.size());
    try {
      long ticket = db.writeDeferringSync(
          tx -> {
            queueOnPostgres(tx);
            for (Pending p : group) {
              if (p.stale(generation.get())) {
                p.done().completeExceptionally(stale());
                continue;
              }
              tx.prepare("SAVEPOINT unit").execute();
              try {
                p.work().run(tx);
                tx.writeSetLater();
                tx.prepare("RELEASE SAVEPOINT unit").execute();
                succeeded.add(p);
              } catch (SQLException | RuntimeException e) {
                tx.discardUnsent();
                tx.prepare("ROLLBACK TO SAVEPOINT unit").execute();
                tx.prepare("RELEASE SAVEPOINT unit").execute();
                if (!p.checkedWhenWritten()) {
                  generation.incrementAndGet();
                }
                p.done().completeExceptionally(wrap(e));
              }
            }
            return null;
          });
      committed.add(new Committed(ticket, succeeded));
    } catch (RuntimeException e) {
      generation.incrementAndGet();
      LOG.error("group commit of {} units failed", group.size(), e);
      for (Pending p : group) {
        p.done().completeExceptionally(e);
      }
    }
  }

  /** PostgreSQL: the group's writes are sent together (see the class comment). */
  private static void queueOnPostgres(Tx tx) {
    if (tx.dialect() == Dialect.POSTGRESQL) {
      tx.queueWrites();
    }
  }

  private static RuntimeException stale() {
    return new dev.laurel.store.StoreException(
        "an earlier write failed; this request was not applied and may be retried", null);
  }

  private static RuntimeException wrap(Exception e) {
    return e instanceof RuntimeException re
        ? re
        : new dev.laurel.store.StoreException("write failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(5_000);
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
