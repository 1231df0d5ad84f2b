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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UserStates} for several nodes sharing one PostgreSQL (DESIGN: "the same lanes, plus a
 * per-user guard in PostgreSQL"). Each session is one transaction that first takes a transaction
 * advisory lock keyed by (scope, user), then reads the user's state, and writes what it staged
 * before committing. A request on another node for the same user waits for the lock, so every node
 * sees the committed state of the previous request.
 *
 * <p>Issue 8: reading the whole state takes six queries, so each node keeps the states of up to
 * {@code capacity} users, each with the user's <em>state version</em> (a column of the users row)
 * it is current at. Right after the lock, in the same round trip, the session reads the stored
 * version and locks the users row ({@code FOR UPDATE}, so that writes outside sessions wait for it
 * as they would for an update); when it is the one kept here, no other session (on any node) and no
 * other write changed the user since, and the kept state is used. Every session bumps the version,
 * in the one {@code UPDATE} of the users row that also writes its documents ({@link Tx#setLater}:
 * one new version of the row per event instead of two), and so does every write to users' rows
 * outside sessions (admin deletions, see {@code UserRepository.bumpStateVersions}), in the
 * transaction of its change. After the commit, the state the session staged (or read) is kept at
 * the bumped version; after a failure the user's kept state is dropped.
 *
 * <p>Behind the states kept as objects, more are kept packed ({@link PackedStates}), each at the
 * version it was kept at: a state leaving the first tier is packed, and one found packed at the
 * right version is unpacked back into it. The version alone decides whether a kept state is used,
 * so the two tiers need no ordering between them.
 *
 * <p>The writes a session stages are queued on its transaction ({@link Tx#queueWrites()}) and sent
 * in one round trip with the transaction's {@code COMMIT}, so that a session whose user's state
 * was kept costs two round trips: lock and version, then writes and commit.
 */
public final class LockingUserStates implements UserStates {
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
  private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
  private final ClockEviction<Key, Kept> eviction;
  private final PackedStates<Key> packed;

  private record Key(Scope scope, String userId) {}

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
   * {@code packedBytes} of heap (0 keeps none).
   */
  public LockingUserStates(Database db, UserRepository users, int capacity, long packedBytes) {
    this.db = db;
    this.users = users;
    this.packed = new PackedStates<>(packedBytes);
    this.eviction = new ClockEviction<>(kept, capacity, (key, leaving) -> packed.put(key, leaving.version, leaving.state));
  }

  @Override
  public <T> T session(Scope scope, String userId, Work<T> work) {
    Key key = new Key(scope, userId);
    TxSession[] open = new TxSession[1];
    T result;
    try {
      result =
          db.write(tx -> {
            TxSession session = new TxSession(tx, key, lockAndRead(tx, key));
            // The session's writes go out together, when it next reads or commits.
            tx.queueWrites();
            open[0] = session;
            T done = work.run(session);
            session.settleVersion();
            return done;
          });
    } catch (RuntimeException | Error e) {
      // Rolled back, or perhaps committed without our knowing (a lost reply): read it again.
      kept.remove(key);
      packed.drop(key);
      throw e;
    }
    open[0].keep();
    return result;
  }

  /** Takes the user's lock and reads the version, locking the row; returns it, or NO_ROW. */
  private static long lockAndRead(Tx tx, Key key) throws SQLException {
    PreparedStatement ps = tx.prepare(LOCK_AND_READ);
    ps.setString(1, key.scope().environmentId() + "\u001f" + key.scope().tenantId() + "\u001f" + key.userId());
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
      check(scope, userId);
      Kept mine = kept.get(key);
      UserState state;
      if (version == NO_ROW && !wrote) {
        // No users row under the lock: the user does not exist (rows are created in sessions only).
        state = null;
      } else if (mine != null && mine.version == version) {
        state = mine.state;
      } else if ((state = packed.take(key, userId, version)) != null) {
        // Unpacked at the version the session found: nothing changed the user since.
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
      check(scope, userId);
      try {
        writes.run(tx);
      } catch (SQLException e) {
        throw new StoreException("database write failed: " + e.getMessage(), e);
      }
      current = state;
      known = true;
      wrote = true;
      return new Staged(keyed, CompletableFuture.completedFuture(null));
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

    /** After the commit: keeps the state the session left, at the version it committed. */
    void keep() {
      packed.drop(key); // older than the state kept now, or than the store's
      if (known && current != null && version != NO_ROW) {
        kept.put(key, new Kept(version, current));
        eviction.trim(any -> true);
      } else {
        kept.remove(key);
      }
    }

    /** A session is one user's: the kept state and the version are that user's. */
    private void check(Scope scope, String userId) {
      if (!key.scope().equals(scope) || !key.userId().equals(userId)) {
        throw new IllegalStateException("a session reads and writes its own user only");
      }
    }
  }
}
