package dev.laurel.server.events;

import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Sql;
import dev.laurel.store.UserRepository;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link UserStates} for one node (the embedded store): the users' current states are kept for the
 * write path, so that a lane never waits for the disk between two events of one user. Inside its lane, a request reads the user's latest state — committed, or
 * staged by the previous request and still being committed — computes the new state, stages it
 * here and queues its writes to the group commit; it then leaves the lane and waits for the commit
 * before answering (EVENT-9). Nothing is acknowledged before it is durable.
 *
 * <p>If any write fails, the committer starts a new generation: cached states of older
 * generations are dropped on their next read (reloaded from the store), and queued writes computed
 * from them are refused. Methods taking a user must be called in that user's lane.
 *
 * <p>A write to users' rows outside the lanes ({@link #outsideLanes}) holds every session back
 * (sessions share a read lock, the write takes it exclusively), waits until every staged write has
 * committed, runs, and then forgets every kept state, so that the next session reads the store.
 */
public final class CachedUserStates implements UserStates {
  private final UserRepository users;
  private final GroupCommitter committer;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final ReadWriteLock barrier = new ReentrantReadWriteLock();
  private final ClockEviction<Key, Entry> eviction;

  private record Key(Scope scope, String userId) {}

  private static final class Entry extends ClockEviction.Entry {
    final long generation;
    volatile UserState state;
    final AtomicInteger pending = new AtomicInteger();
    final Map<String, Staged> keys = new ConcurrentHashMap<>();
    volatile CompletableFuture<Void> last;

    Entry(long generation, UserState state) {
      this.generation = generation;
      this.state = state;
    }
  }

  public CachedUserStates(UserRepository users, GroupCommitter committer, int capacity) {
    this.users = users;
    this.committer = committer;
    this.eviction = new ClockEviction<>(entries, capacity);
  }

  @Override
  public <T> T session(Scope scope, String userId, Work<T> work) {
    barrier.readLock().lock();
    try {
      return work.run(this);
    } finally {
      barrier.readLock().unlock();
    }
  }

  @Override
  public void outsideLanes(Runnable write) {
    barrier.writeLock().lock();
    try {
      committer.commit(tx -> null); // units commit in order: every staged write is now durable
      write.run();
      entries.clear(); // nothing is pending: no session could stage since the barrier was taken
    } finally {
      barrier.writeLock().unlock();
    }
  }

  @Override
  public Loaded load(Scope scope, String userId) {
    long generation = committer.generation();
    Key key = new Key(scope, userId);
    Entry entry = entries.get(key);
    if (entry != null && entry.generation == generation) {
      entry.touch();
      return new Loaded(entry.state, generation);
    }
    if (entry != null) {
      entries.remove(key, entry);
    }
    return new Loaded(users.load(scope, userId), generation);
  }

  @Override
  public Staged findByIdempotencyKey(Scope scope, String userId, String metricId, String key) {
    Entry entry = entries.get(new Key(scope, userId));
    if (entry != null) {
      Staged pending = entry.keys.get(metricId + "\u0000" + key);
      if (pending != null) {
        return pending;
      }
    }
    StoredEvent stored = users.findByIdempotencyKey(scope, userId, metricId, key);
    return stored == null ? null : new Staged(stored, CompletableFuture.completedFuture(null));
  }

  @Override
  public Staged stage(Loaded read, Scope scope, String userId, UserState state, StoredEvent keyed, Sql.TxWork<?> writes) {
    Key key = new Key(scope, userId);
    Entry entry = entries.get(key);
    if (entry == null || entry.generation != read.generation()) {
      entry = new Entry(read.generation(), state);
      entries.put(key, entry);
    } else {
      entry.state = state;
    }
    Entry staged = entry;
    staged.pending.incrementAndGet();
    CompletableFuture<Void> done = committer.submit(read.generation(), writes);
    staged.last = done;
    Staged result = new Staged(keyed, done);
    String idemKey = keyed == null || keyed.idempotencyKey() == null ? null : keyed.metricId() + "\u0000" + keyed.idempotencyKey();
    if (idemKey != null) {
      staged.keys.put(idemKey, result);
    }
    done.whenComplete((ok, failure) -> {
      if (idemKey != null) {
        staged.keys.remove(idemKey, result);
      }
      staged.pending.decrementAndGet();
    });
    eviction.trim(CachedUserStates::idle);
    return result;
  }

  @Override
  public void awaitWrites(Scope scope, String userId) {
    Entry entry = entries.get(new Key(scope, userId));
    CompletableFuture<Void> last = entry == null ? null : entry.last;
    if (last != null) {
      last.handle((ok, failure) -> null).join();
    }
  }

  @Override
  public void relieveMemory() {
    eviction.shrink(CachedUserStates::idle);
  }

  /** Only states with no write in flight are dropped: a later read must find the staged state. */
  private static boolean idle(Entry entry) {
    return entry.pending.get() == 0;
  }
}
