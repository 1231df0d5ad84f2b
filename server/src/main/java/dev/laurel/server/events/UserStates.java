package dev.laurel.server.events;

import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Sql;
import java.util.concurrent.CompletableFuture;

/**
 * The write path's view of users' states (EVENT-8, EVENT-9). Used in the user's lane: a request
 * opens a {@link #session}, reads the user's latest state, computes the new one with the engine and
 * stages it with its writes; outside the lane it awaits the commit before answering.
 *
 * <p>Two implementations: {@link CachedUserStates} for one node (states kept in memory, writes
 * group-committed) and {@link LockingUserStates} for several nodes on one PostgreSQL (each session
 * is a transaction holding a per-user advisory lock, so nodes serialise a user's requests too).
 */
public interface UserStates {

  /** A write queued or done: {@link #await()} it outside the lane. */
  record Staged(StoredEvent event, CompletableFuture<Void> done) {
    public void await() {
      GroupCommitter.await(done);
    }
  }

  /** A user's state as read in a session, and the write generation it was read in. */
  record Loaded(UserState state, long generation) {}

  /** Work on one user's state. */
  @FunctionalInterface
  interface Work<T> {
    T run(UserStates session);
  }

  /** Runs {@code work} with exclusive access to the user's state (call it in the user's lane). */
  <T> T session(Scope scope, String userId, Work<T> work);

  /** The user's latest state (null if the user does not exist). */
  Loaded load(Scope scope, String userId);

  /**
   * IDEM-2: the event already recorded under this key, committed or still being committed. The
   * caller must await a pending one before answering.
   */
  Staged findByIdempotencyKey(Scope scope, String userId, String metricId, String key);

  /**
   * Makes {@code state} the user's current state and queues {@code writes}; {@code keyed} is the
   * event whose idempotency key becomes visible to later requests at once (or null).
   */
  Staged stage(Loaded read, Scope scope, String userId, UserState state, StoredEvent keyed, Sql.TxWork<?> writes);

  /**
   * Waits until every write staged for this user so far has finished (committed or failed), so the
   * user's rows in the store are current for a rare read of the user's history in the lane (ACH-6
   * filtered totals). Implementations that commit each session before the next need not wait.
   */
  default void awaitWrites(Scope scope, String userId) {}

  /**
   * The heap ran short ({@link HeapPressure}): keep fewer users' states from now on, and drop the
   * surplus now (a state kept as an object is packed, a packed one dropped); a dropped state is
   * read from the store on the user's next request. (A session's own view keeps nothing: it
   * ignores this.)
   */
  default void relieveMemory() {}

  /**
   * Runs {@code write}, which changes users' rows outside their lanes (ATTR-5 drops a deleted
   * attribute's values from every user), so that no state read before it is used after it and no
   * write computed from such a state commits after it. Implementations that read every session's
   * state from the store, or check it there, need do nothing more than run it.
   */
  default void outsideLanes(Runnable write) {
    write.run();
  }
}
