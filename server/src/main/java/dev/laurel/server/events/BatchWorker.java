package dev.laurel.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.server.admin.BatchAdmin;
import dev.laurel.server.http.Wire;
import dev.laurel.store.BatchRepository;
import dev.laurel.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes queued batch items (BATCH-4..BATCH-7): each item goes through the same path as a
 * single event, items of one user in array order, users in parallel. An item leaves the queue in
 * the transaction that commits its effects, so a crash neither loses nor repeats it.
 */
public final class BatchWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);
  private static final int CHUNK = 500;

  private final Database db;
  private final BatchRepository batches;
  private final EventService events;
  private final Semaphore signal = new Semaphore(0);
  private volatile boolean running = true;
  private Thread thread;

  public BatchWorker(Database db, BatchRepository batches, EventService events) {
    this.db = db;
    this.batches = batches;
    this.events = events;
  }

  public void start() {
    thread = Thread.ofPlatform().name("laurel-batch").daemon().start(this::loop);
  }

  /** Tells the worker that new items were queued. */
  public void wake() {
    signal.release();
  }

  private void loop() {
    while (running) {
      try {
        List<BatchRepository.Item> items = batches.next(0, CHUNK);
        if (items.isEmpty()) {
          signal.tryAcquire(1, TimeUnit.SECONDS);
          signal.drainPermits();
          continue;
        }
        processChunk(items);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("batch processing failed; retrying shortly", e);
        sleepQuietly();
      }
    }
  }

  private void processChunk(List<BatchRepository.Item> items) throws InterruptedException {
    Map<String, List<BatchRepository.Item>> byUser = new LinkedHashMap<>();
    for (BatchRepository.Item item : items) {
      String user = item.scope() + "\u0000" + userId(item);
      byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(item);
    }
    List<Thread> threads = new ArrayList<>();
    for (List<BatchRepository.Item> userItems : byUser.values()) {
      threads.add(Thread.ofVirtual().start(() -> userItems.forEach(this::process)));
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private void process(BatchRepository.Item item) {
    try {
      EventCommand command = BatchAdmin.command(Wire.MAPPER.readTree(item.payload()));
      events.record(item.scope(), command, tx -> {
        if (!batches.delete(tx, item.seq())) {
          throw new AlreadyProcessed();
        }
        return null;
      });
    } catch (AlreadyProcessed e) {
      LOG.debug("batch {} item {} was processed by another node", item.batchId(), item.index());
    } catch (Rejection r) {
      LOG.warn("batch {} item {} dropped: {}", item.batchId(), item.index(), r.getMessage());
      db.write(tx -> {
        batches.delete(tx, item.seq());
        return null;
      });
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.warn("batch {} item {} dropped: unreadable payload", item.batchId(), item.index());
      db.write(tx -> {
        batches.delete(tx, item.seq());
        return null;
      });
    }
  }

  /** Thrown inside an item's transaction when another node already dequeued it: rolls it back. */
  private static final class AlreadyProcessed extends RuntimeException {
    AlreadyProcessed() {
      super("batch item already processed", null, false, false);
    }
  }

  private static String userId(BatchRepository.Item item) {
    try {
      JsonNode node = Wire.MAPPER.readTree(item.payload());
      return node.path("user").path("id").asText("");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return "";
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    signal.release();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
