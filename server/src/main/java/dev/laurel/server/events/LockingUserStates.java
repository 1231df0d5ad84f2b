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
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * {@link UserStates} for several nodes sharing one PostgreSQL (DESIGN: "the same lanes, plus a
 * per-user guard in PostgreSQL"). Each session is one transaction that first takes a transaction
 * advisory lock keyed by (scope, user), then reads the user's state from the database, and writes
 * what it staged before committing. A request on another node for the same user waits for the lock,
 * so every node sees the committed state of the previous request. Nothing is cached across
 * sessions.
 */
public final class LockingUserStates implements UserStates {
  private final Database db;
  private final UserRepository users;

  public LockingUserStates(Database db, UserRepository users) {
    this.db = db;
    this.users = users;
  }

  @Override
  public <T> T session(Scope scope, String userId, Work<T> work) {
    return db.write(tx -> {
      lock(tx, scope, userId);
      return work.run(new TxSession(tx));
    });
  }

  private static void lock(Tx tx, Scope scope, String userId) throws SQLException {
    PreparedStatement ps = tx.prepare("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
    ps.setString(1, scope.environmentId() + "\u001f" + scope.tenantId() + "\u001f" + userId);
    ps.execute();
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

  /** The operations of one session, on its transaction. */
  private final class TxSession implements UserStates {
    private final Tx tx;

    TxSession(Tx tx) {
      this.tx = tx;
    }

    @Override
    public <T> T session(Scope scope, String userId, Work<T> work) {
      return work.run(this);
    }

    @Override
    public Loaded load(Scope scope, String userId) {
      try {
        return new Loaded(users.load(tx, scope, userId), 0);
      } catch (SQLException e) {
        throw new StoreException("database read failed: " + e.getMessage(), e);
      }
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
      try {
        writes.run(tx);
      } catch (SQLException e) {
        throw new StoreException("database write failed: " + e.getMessage(), e);
      }
      return new Staged(keyed, CompletableFuture.completedFuture(null));
    }
  }
}
