package dev.laurel.server.events;

import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.Database;
import dev.laurel.store.Sql;
import dev.laurel.store.StoreException;
import dev.laurel.store.Tx;
import dev.laurel.store.UserRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UserStates} for several nodes sharing one PostgreSQL (DESIGN: "the same lanes, plus a
 * per-user guard in PostgreSQL"). A session's writes commit before it ends, in a transaction of its
 * own or of a group; a request on another node for the same user waits for it, so every node sees
 * the committed state of the previous request.
 *
 * <p>Issue 8: reading the whole state takes six queries, so each node keeps the states of up to
 * {@code capacity} users, each with the user's <em>state version</em> (a column of the users row)
 * it is current at. Every session that writes bumps the version, in the one {@code UPDATE} of the users row
 * that also writes its documents ({@link Tx#setLater}: one new version of the row per event), and
 * so does every write to users' rows outside sessions (admin deletions, see {@code
 * UserRepository.bumpStateVersions}), in the transaction of its change. A session runs one of two
 * ways:
 *
 * <ul>
 *   <li><b>Claimed</b>, when this node keeps the user's state: the session reads nothing from the
 *       store; its writes are one unit of the next group commit ({@link GroupCommitter}: several
 *       users' sessions in one transaction, their writes sent as one batch per statement), and the
 *       session waits for that commit, in the user's lane. The unit's first statement claims the
 *       users row at the kept version ({@code laurel_claim}, migrations V11 and V12: it locks the
 *       row, or raises SQLSTATE {@value #MOVED} when the row is gone or at another version).
 *       Sessions of the user on other nodes take the same row lock first, so they wait for each
 *       other; a group claims its users' rows in the order of their keys, so two nodes' groups never
 *       wait for each other in a cycle. When a claim fails, the group is written again unit by unit,
 *       each to a savepoint, and only the failing unit is rolled back; the node drops the kept
 *       state, completes the first run's staged writes exceptionally (so that rankings it moved are
 *       repaired, as after any failed commit) and runs the session again the locking way.
 *   <li><b>Locking</b>, otherwise: in a transaction of its own, the session first takes a
 *       transaction advisory lock keyed by (scope, user), then reads the version and locks the row
 *       ({@code FOR UPDATE}), in one round trip, then reads the user's state (none if there is no
 *       row: rows are created in sessions only, under that lock), and sends its writes with the
 *       {@code COMMIT}.
 * </ul>
 *
 * <p>After the commit, the state the session staged (or read) is kept at the version it left: as
 * objects if the user was kept as objects or packed less than {@code coldAfter} ago, packed
 * otherwise (a user who comes back rarely); after a failed commit the user's kept state is dropped
 * (a claimed session whose work failed wrote nothing, and keeps the state it claimed). Behind the
 * states kept as objects, more are kept packed ({@link PackedStates}), each at the version it was
 * kept at: a state leaving the first tier is packed, and a session takes it back out, unpacked, to
 * claim it.
 *
 * <p>A session's staged writes are done when they commit: await them outside the session, as
 * with {@link CachedUserStates}.
 */
public final class LockingUserStates implements UserStates {
  /** The SQLSTATE of a failed claim: the user changed since the kept state's version. */
  static final String MOVED = "LR409";

  /** The claim (migrations V11, V12): a statement without a result, so that it can go in a batch. */
  private static final String CLAIM = "CALL laurel_claim(?, ?, ?, ?)";

  private static final String BUMP =
      "UPDATE users SET state_version = state_version + 1"
          + " WHERE env_id = ? AND tenant_id = ? AND id = ? RETURNING state_version";

  /** Lock, then read the version and lock the row: one round trip (both before one Sync). */
  private static final String LOCK_AND_READ =
      "SELECT pg_advisory_xact_lock(hashtextextended(?, 0));"
          + " SELECT state_version FROM users WHERE env_id = ? AND tenant_id = ? AND id = ? FOR UPDATE";


  /** Stands for "no users row": never matches a kept state. */
  private static final long NO_ROW = -1;

  private final Database db;
  private final UserRepository users;
  private final GroupCommitter group;
  private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
  private final ClockEviction<Key, Kept> eviction;
  private final PackedStates<Key> packed;
  private final long coldAfterNanos;

  private record Key(Scope scope, String userId) {
    /** The user's advisory lock's name, and the order of a group's claims. */
    String lockName() {
      return scope.environmentId() + "\u001f" + scope.tenantId() + "\u001f" + userId;
    }
  }

  /** A user's state as committed at {@code version}. */
  private static final class Kept extends ClockEviction.Entry {
    final long version;
    final UserState state;

    Kept(long version, UserState state) {
      this.version = version;
      this.state = state;
    }
  }

  /**
   * Keeps up to {@code capacity} users' states as objects and, behind them, packed states up to
   * {@code packedBytes} of heap (0 keeps none). A state read from the store, or unpacked more than
   * {@code coldAfter} after it was packed, is packed again once its session committed (zero: every
   * state is kept as objects until evicted), as in {@link CachedUserStates}: most users of a large
   * population come back after the first tier let them go, and their states, kept as objects for
   * seconds, were copied by the young collections and promoted for nothing.
   */
  public LockingUserStates(
      Database db, UserRepository users, GroupCommitter group, int capacity, long packedBytes, Duration coldAfter) {
    this.coldAfterNanos = coldAfter.toNanos();
    this.db = db;
    this.users = users;
    this.group = group;
    this.packed = new PackedStates<>(packedBytes);
    this.eviction = new ClockEviction<>(kept, capacity, (key, leaving) -> packed.put(key, leaving.version, leaving.state));
  }

  @Override
  public <T> T session(Scope scope, String userId, Work<T> work) {
    Key key = new Key(scope, userId);
    Kept mine = kept.get(key);
    boolean warm = true;
    if (mine == null) {
      PackedStates.Unpacked unpacked = packed.take(key, userId, coldAfterNanos);
      if (unpacked != null) {
        mine = new Kept(unpacked.tag(), unpacked.state());
        warm = coldAfterNanos == 0 || unpacked.recent();
      }
    }
    if (mine != null) {
      try {
        return claimed(key, mine, warm, work);
      } catch (StoreException e) {
        if (!moved(e)) {
          throw e;
        }
        // Another node's session or a write outside the sessions changed the user: read it again.
      }
    }
    return locking(key, work);
  }

  /**
   * Runs a session on the state kept here, then writes it in the next group, claimed at the kept
   * version, and waits for the group's commit; {@code warm}: keep the state as objects after.
   */
  private <T> T claimed(Key key, Kept mine, boolean warm, Work<T> work) {
    ClaimedSession session = new ClaimedSession(key, mine);
    T result;
    try {
      result = work.run(session);
    } catch (RuntimeException | Error e) {
      keep(key, mine.version, mine.state, warm); // nothing was written: still the user's state
      session.committed.completeExceptionally(e);
      throw e;
    }
    try {
      GroupCommitter.await(group.submit(GroupCommitter.CHECKED_WHEN_WRITTEN, key.lockName(), session::write));
    } catch (RuntimeException | Error e) {
      forget(key);
      session.committed.completeExceptionally(e);
      throw e;
    }
    keep(key, session.version(), session.current, warm);
    session.committed.complete(null);
    return result;
  }

  /** Runs one session the locking way, in a transaction of its own. */
  private <T> T locking(Key key, Work<T> work) {
    TxSession[] open = new TxSession[1];
    T result;
    try {
      result =
          db.write(tx -> {
            // The session's writes go out together when it next reads or commits.
            tx.queueWrites();
            TxSession session = new TxSession(tx, key, lockAndRead(tx, key));
            open[0] = session;
            T done = work.run(session);
            session.settleVersion();
            return done;
          });
    } catch (RuntimeException | Error e) {
      // Rolled back, or perhaps committed without our knowing (a lost reply): read it again.
      forget(key);
      if (open[0] != null) {
        open[0].committed.completeExceptionally(e);
      }
      throw e;
    }
    open[0].keep();
    open[0].committed.complete(null);
    return result;
  }

  /**
   * Keeps {@code state} as the user's at {@code version}: in the first tier if {@code warm}, else
   * packed (the session began with none kept as objects, and in the user's lane none is added).
   */
  private void keep(Key key, long version, UserState state, boolean warm) {
    if (!warm) {
      packed.put(key, version, state);
      return;
    }
    packed.drop(key); // older than the state kept now, or than the store's
    kept.put(key, new Kept(version, state));
    eviction.trim(any -> true);
  }

  /** Keeps nothing of the user: the next session reads the store. */
  private void forget(Key key) {
    kept.remove(key);
    packed.drop(key);
  }

  /** Whether {@code e} is a failed claim ({@link #MOVED}). */
  static boolean moved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && MOVED.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Queues the claim of the users row at {@code version}, as the session's first statement. */
  private static void claim(Tx tx, Key key, long version) throws SQLException {
    tx.write(CLAIM, key.scope().environmentId(), key.scope().tenantId(), key.userId(), version);
  }

  /** Takes the user's lock and reads the version, locking the row; returns it, or NO_ROW. */
  private static long lockAndRead(Tx tx, Key key) throws SQLException {
    PreparedStatement ps = tx.prepare(LOCK_AND_READ);
    ps.setString(1, key.lockName());
    ps.setString(2, key.scope().environmentId());
    ps.setString(3, key.scope().tenantId());
    ps.setString(4, key.userId());
    ps.execute();
    if (!ps.getMoreResults()) {
      throw new SQLException("no result for the state version read");
    }
    try (ResultSet rs = ps.getResultSet()) {
      return rs.next() ? rs.getLong(1) : NO_ROW;
    }
  }

  /** Bumps the version of a user whose row this session created; NO_ROW if there is still none. */
  private static long bump(Tx tx, Key key) throws SQLException {
    PreparedStatement ps = tx.prepare(BUMP);
    ps.setString(1, key.scope().environmentId());
    ps.setString(2, key.scope().tenantId());
    ps.setString(3, key.userId());
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : NO_ROW;
    }
  }

  @Override
  public Loaded load(Scope scope, String userId) {
    throw outsideSession();
  }

  @Override
  public Staged findByIdempotencyKey(Scope scope, String userId, String metricId, String key) {
    throw outsideSession();
  }

  @Override
  public Staged stage(Loaded read, Scope scope, String userId, UserState state, StoredEvent keyed, Sql.TxWork<?> writes) {
    throw outsideSession();
  }

  private static IllegalStateException outsideSession() {
    return new IllegalStateException("user state is read and written inside a session only");
  }

  @Override
  public void relieveMemory() {
    eviction.shrink(any -> true);
    packed.relieveMemory();
  }

  /** States kept as objects, and packed. */
  int[] keptCounts() {
    return new int[] {kept.size(), packed.count()};
  }

  /** The operations of one session, on its transaction. */
  private final class TxSession implements UserStates {
    private final Tx tx;
    private final Key key;
    /** Completed when the transaction commits, exceptionally when it fails. */
    final CompletableFuture<Void> committed = new CompletableFuture<>();
    private long version;
    /** The user's state as this session leaves it, once it read or staged one. */
    private UserState current;
    private boolean known;
    private boolean wrote;

    TxSession(Tx tx, Key key, long version) {
      this.tx = tx;
      this.key = key;
      this.version = version;
    }

    @Override
    public <T> T session(Scope scope, String userId, Work<T> work) {
      return work.run(this);
    }

    @Override
    public Loaded load(Scope scope, String userId) {
      checkOwn(key, scope, userId);
      UserState state;
      if (wrote) {
        state = current; // as staged
      } else if (version == NO_ROW) {
        // No users row under the lock: the user does not exist (rows are created in sessions only).
        state = null;
      } else {
        try {
          state = users.load(tx, scope, userId);
        } catch (SQLException e) {
          throw new StoreException("database read failed: " + e.getMessage(), e);
        }
      }
      if (!wrote) {
        current = state;
        known = true;
      }
      return new Loaded(state, 0);
    }

    @Override
    public Staged findByIdempotencyKey(Scope scope, String userId, String metricId, String key) {
      try {
        StoredEvent stored = users.findByIdempotencyKey(tx, scope, userId, metricId, key);
        return stored == null ? null : new Staged(stored, CompletableFuture.completedFuture(null));
      } catch (SQLException e) {
        throw new StoreException("database read failed: " + e.getMessage(), e);
      }
    }

    @Override
    public Staged stage(Loaded read, Scope scope, String userId, UserState state, StoredEvent keyed, Sql.TxWork<?> writes) {
      checkOwn(key, scope, userId);
      try {
        writes.run(tx);
      } catch (SQLException e) {
        throw new StoreException("database write failed: " + e.getMessage(), e);
      }
      current = state;
      known = true;
      wrote = true;
      return new Staged(keyed, committed);
    }

    /**
     * Before the commit: the version moves on, with the row's other columns set in this session; a
     * user created in this session gets its first version now.
     */
    void settleVersion() throws SQLException {
      if (version != NO_ROW) {
        version++;
        UserRepository.setStateVersion(tx, key.scope(), key.userId(), version);
      } else if (wrote) {
        version = bump(tx, key);
      }
    }

    /**
     * After the commit: keeps the state the session left, at the version it committed; read from
     * the store, it is cold (packed) unless every state is kept as objects.
     */
    void keep() {
      if (known && current != null && version != NO_ROW) {
        LockingUserStates.this.keep(key, version, current, coldAfterNanos == 0);
      } else {
        forget(key);
      }
    }
  }

  /** A session is one user's: the kept state and the version are that user's. */
  private static void checkOwn(Key key, Scope scope, String userId) {
    if (!key.scope().equals(scope) || !key.userId().equals(userId)) {
      throw new IllegalStateException("a session reads and writes its own user only");
    }
  }

  /**
   * A session on the state kept here: it reads nothing of the user from the store, and its staged
   * writes are written by the group commit after it, as one unit: the claim at the kept version,
   * the writes, and the version's bump.
   */
  private final class ClaimedSession implements UserStates {
    private final Key key;
    private final long claimedVersion;
    private final List<Sql.TxWork<?>> writes = new ArrayList<>();
    /** Completed when the group commits the session's unit, exceptionally when it fails. */
    final CompletableFuture<Void> committed = new CompletableFuture<>();
    /** The user's state as this session leaves it. */
    private UserState current;

    ClaimedSession(Key key, Kept claimed) {
      this.key = key;
      this.claimedVersion = claimed.version;
      this.current = claimed.state;
    }

    @Override
    public <T> T session(Scope scope, String userId, Work<T> work) {
      return work.run(this);
    }

    @Override
    public Loaded load(Scope scope, String userId) {
      checkOwn(key, scope, userId);
      return new Loaded(current, 0);
    }

    /**
     * Read outside the unit: if the claim then holds, nothing changed the user since the kept
     * version, so nothing recorded a keyed event since this read either.
     */
    @Override
    public Staged findByIdempotencyKey(Scope scope, String userId, String metricId, String key) {
      checkOwn(this.key, scope, userId);
      StoredEvent stored = users.findByIdempotencyKey(scope, userId, metricId, key);
      return stored == null ? null : new Staged(stored, CompletableFuture.completedFuture(null));
    }

    @Override
    public Staged stage(Loaded read, Scope scope, String userId, UserState state, StoredEvent keyed, Sql.TxWork<?> writes) {
      checkOwn(key, scope, userId);
      this.writes.add(writes);
      current = state;
      return new Staged(keyed, committed);
    }

    /** The version the unit leaves the user at: one more if it wrote. */
    long version() {
      return writes.isEmpty() ? claimedVersion : claimedVersion + 1;
    }

    /** The session's unit in the group's transaction. */
    Void write(Tx tx) throws SQLException {
      claim(tx, key, claimedVersion);
      for (Sql.TxWork<?> w : writes) {
        w.run(tx);
      }
      if (!writes.isEmpty()) {
        UserRepository.setStateVersion(tx, key.scope(), key.userId(), version());
      }
      return null;
    }
  }
}
