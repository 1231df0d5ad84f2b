package dev.laurel.server.events;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8: tells the kept users' states ({@link UserStates#relieveMemory}) when the heap runs
 * short. The number of states a node keeps is sized from the heap at an assumed size per state
 * ({@link #stateCapacity}); states are larger with more metrics, achievements or leaderboards per
 * user, so the JVM is asked to report each collection after which a heap pool is still more than
 * {@link #THRESHOLD} full, and every such report lowers the number kept by a quarter.
 */
public final class HeapPressure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeapPressure.class);
  /** The share of a heap pool's maximum still in use after a collection that counts as pressure. */
  static final double THRESHOLD = 0.8;
  /**
   * The heap assumed per kept state: about 1 KB was measured with the benchmark's configuration; the
   * rest is room for everything else, requests in flight above all: at 2,560 and 3,584 bytes (84,260
   * states in the launcher's 288 MiB), a burst after a saturating load filled the heap, and full
   * collections stalled requests for 0.1–0.3 s (docs/PERFORMANCE.md). A quarter of these states are
   * kept as objects, with packed states behind them ({@link #packedBytes}): in the benchmark, a
   * quarter or an eighth gave 4–5 % more events/s than a half, and 40–80 MiB less RSS.
   */
  static final long ASSUMED_BYTES_PER_STATE = 5_632;

  private final NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
  private final NotificationListener listener;
  private final int watched;

  private HeapPressure(Runnable relieve) {
    listener =
        (notification, handback) -> {
          if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
            LOG.warn("the heap is more than {}% full after a collection: keeping fewer users' states"
                + " (a larger -Xmx keeps more)", Math.round(THRESHOLD * 100));
            relieve.run();
          }
        };
    int pools = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
        pool.setCollectionUsageThreshold((long) (max * THRESHOLD));
        pools++;
      }
    }
    watched = pools;
    if (pools > 0) {
      emitter.addNotificationListener(listener, null, null);
    }
  }

  /**
   * How many users' states to keep as objects with this maximum heap, beside packed ones: 13,405
   * with the launcher's 288 MiB.
   */
  public static int stateCapacity(long maxHeapBytes) {
    return Math.clamp(maxHeapBytes / ASSUMED_BYTES_PER_STATE / 4, 5_000, 1_000_000);
  }

  /** The heap given to states kept packed ({@link StateCodec}) behind those kept as objects. */
  public static long packedBytes(long maxHeapBytes) {
    return maxHeapBytes / 4;
  }

  /**
   * Calls {@code relieve} after each collection that leaves a heap pool above the threshold, on the
   * JVM's notification thread, until closed.
   */
  public static HeapPressure watch(Runnable relieve) {
    return new HeapPressure(relieve);
  }

  /** The heap pools watched: 0 if this JVM's collector reports none. */
  int watched() {
    return watched;
  }

  @Override
  public void close() {
    if (watched > 0) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already removed
      }
    }
  }
}
