package dev.laurel.server.events;

import dev.laurel.store.Database;
import dev.laurel.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DESIGN "durable before acknowledged": units of work that arrive together are written in one
 * transaction, and each waiting caller is released only when that transaction has committed. A
 * unit that fails is rolled back to its own savepoint, so it fails alone.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  private static final int MAX_GROUP = 512;

  private record Pending(Sql.TxWork<?> work, CompletableFuture<Void> done) {}

  private final Database db;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  public GroupCommitter(Database db) {
    this.db = db;
    this.writer = Thread.ofPlatform().name("laurel-group-commit").daemon().start(this::loop);
  }

  /** Writes {@code work} in the next group and blocks until that group committed. */
  public void commit(Sql.TxWork<?> work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      throw new IllegalStateException("the server is shutting down");
    }
    queue.add(new Pending(work, done));
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
    List<Pending> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        writeGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<Pending> group) {
    List<Pending> succeeded = new ArrayList<>(group.size());
    try {
      db.write(
          tx -> {
            Connection c = tx.connection();
            for (Pending p : group) {
              Savepoint sp = c.setSavepoint();
              try {
                p.work().run(tx);
                c.releaseSavepoint(sp);
                succeeded.add(p);
              } catch (SQLException | RuntimeException e) {
                c.rollback(sp);
                p.done().completeExceptionally(wrap(e));
              }
            }
            return null;
          });
      succeeded.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      LOG.error("group commit of {} units failed", group.size(), e);
      for (Pending p : group) {
        p.done().completeExceptionally(e);
      }
    }
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
