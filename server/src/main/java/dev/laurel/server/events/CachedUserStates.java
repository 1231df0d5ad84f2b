package dev.laurel.server.events;

import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Sql;
import dev.laurel.store.UserRepository;
import java.time.Duration;
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
 * <p>States are kept in two tiers (issue 8): the most recently used as objects, ready for the
 * engine, and behind them many more packed into a few hundred bytes each ({@link StateCodec}), so
 * that a user outside the first tier costs an unpacking instead of a read of six tables. A state
 * leaves the first tier only when no write of it is in flight (its pending count is then retired,
 * so that no request can stage on it while it goes); it is packed as it leaves, and unpacked back
 * into the first tier at the user's next read. Beyond the second tier's capacity, packed states are
 * dropped and read from the store again.
 *
 * <p>If any write fails, the committer starts a new generation: kept states of older generations
 * are dropped on their next read (reloaded from the store), and queued writes computed from them
 * are refused. Methods taking a user must be called in that user's lane.
 *
 * <p>A write to users' rows outside the lanes ({@link #outsideLanes}) holds every session back
 * (sessions share a read lock, the write takes it exclusively), waits until every staged write has
 * committed, runs, and then forgets every kept state, so that the next session reads the store.
 */
public final class CachedUserStates implements UserStates {
  private final UserRepository users;
  private final GroupCommitter committer;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final PackedStates<Key> packed;
  private final ReadWriteLock barrier = new ReentrantReadWriteLock();
  private final ClockEviction<Key, Entry> eviction;
  private final long coldAfterNanos;

  private record Key(Scope scope, String userId) {}

  private static final class Entry extends ClockEviction.Entry {
    /** The pending count of an entry on its way out: no write may be staged on it any more. */
    static final int RETIRED = Integer.MIN_VALUE / 2;

    final long generation;
    /** Kept only until its writes commit, then packed: its user's last event was long ago. */
    final boolean passing;
    volatile UserState state;
    final AtomicInteger pending = new AtomicInteger();
    final Map<String, Staged> keys = new ConcurrentHashMap<>();
    volatile CompletableFuture<Void> last;

    Entry(long generation, UserState state, int pending) {
      this(generation, state, pending, false);
    }

    Entry(long generation, UserState state, int pending, boolean passing) {
      this.generation = generation;
      this.passing = passing;
      this.state = state;
      this.pending.set(pending);
    }

    /** Counts one more write in flight, unless the entry is retired. */
    boolean enlist() {
      for (int n = pending.get(); n >= 0; n = pending.get()) {
        if (pending.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Keeps up to {@code capacity} users' states as objects and, behind them, packed states up to
   * {@code packedBytes} of heap ({@link PackedStates}; 0 keeps none). A state read from the store,
   * or unpacked more than {@code coldAfter} after it was packed, is kept as objects only until its
   * writes commit, then packed (zero: every state stays as objects until evicted). Issue 8: most
   * users of a large population return after the first tier has let them go, so their states,
   * kept as objects for seconds, were copied by the young collections and promoted for nothing.
   */
  public CachedUserStates(
      UserRepository users, GroupCommitter committer, int capacity, long packedBytes, Duration coldAfter) {
    this.coldAfterNanos = coldAfter.toNanos();
    this.users = users;
    this.committer = committer;
    this.packed = new PackedStates<>(packedBytes);
    this.eviction = new ClockEviction<>(entries, capacity, this::pack);
  }

  /**
   * Called under the first tier's eviction lock as an idle (retired) entry is about to leave it:
   * the packed state is in place before the entry goes, so a read finds one or the other. Were it
   * packed after, a read in between would find an older packed state of the user, left from before
   * the entry was created (one found kept as objects is newer than any packed one).
   */
  private void pack(Key key, Entry entry) {
    UserState state = entry.state;
    if (state != null) {
      packed.put(key, entry.generation, state);
    } else {
      packed.drop(key); // any packed state of the user is older
    }
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
      packed.clear();
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
    PackedStates.Unpacked taken = packed.take(key, userId, generation, coldAfterNanos);
    if (taken != null) {
      if (coldAfterNanos == 0 || taken.recent()) {
        // Back into the first tier; a state that is in neither tier is read from the store.
        entries.put(key, new Entry(generation, taken.state(), 0));
        eviction.trim(CachedUserStates::retireIfIdle);
      }
      return new Loaded(taken.state(), generation);
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
    if (entry == null || entry.generation != read.generation() || !entry.enlist()) {
      entry = new Entry(read.generation(), state, 1, coldAfterNanos > 0);
      entries.put(key, entry);
    } else {
      entry.state = state;
    }
    Entry staged = entry;
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
      // A passing state is packed as it leaves, as at eviction (and only one of the two retires
      // it). Only after a success: that runs on the flush thread, which completes the user's
      // commits in order, so an older state is never packed over a newer one.
      if (staged.pending.decrementAndGet() == 0 && failure == null && staged.passing && retireIfIdle(staged)) {
        pack(key, staged);
        entries.remove(key, staged);
      }
    });
    eviction.trim(CachedUserStates::retireIfIdle);
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

  /** Keeps three quarters of the states kept as objects (packing the rest), then of the packed ones. */
  @Override
  public void relieveMemory() {
    eviction.shrink(CachedUserStates::retireIfIdle);
    packed.relieveMemory();
  }

  /**
   * Only states with no write in flight leave the first tier (a later read must find the staged
   * state), and a state accepted here is retired at once, so that no write is staged on it after
   * the check: a request that finds it retired keeps its new state in a new entry.
   */
  private static boolean retireIfIdle(Entry entry) {
    return entry.pending.compareAndSet(0, Entry.RETIRED);
  }

  /** States kept as objects, and packed. */
  int[] keptCounts() {
    return new int[] {entries.size(), packed.count()};
  }

  /** The heap packed states take, as counted against their budget. */
  long packedSize() {
    return packed.bytes();
  }
}
