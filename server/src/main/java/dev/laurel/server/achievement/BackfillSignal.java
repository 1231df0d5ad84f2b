package dev.laurel.server.achievement;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the backdating worker when a run was queued (ACH-16); the queue itself is durable. */
public final class BackfillSignal {
  private final Semaphore permits = new Semaphore(0);

  public void signal() {
    permits.release();
  }

  /** Waits until signalled or the timeout passes, then clears pending signals. */
  void await(Duration timeout) throws InterruptedException {
    permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    permits.drainPermits();
  }
}
