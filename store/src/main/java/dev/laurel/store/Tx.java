package dev.laurel.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * An open write transaction: every repository write of one unit of work goes through the same one.
 * {@link #prepare(String)} keeps each statement for the whole transaction (for the embedded store's
 * writer, for the life of its connection), so the many units of a group commit reuse them instead
 * of preparing them again.
 */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private final Map<String, PreparedStatement> statements;

  Tx(Connection connection, Dialect dialect) {
    this(connection, dialect, new HashMap<>());
  }

  /** A transaction on a connection that outlives it, preparing into that connection's {@code statements}. */
  Tx(Connection connection, Dialect dialect, Map<String, PreparedStatement> statements) {
    this.connection = connection;
    this.dialect = dialect;
    this.statements = statements;
  }

  public Connection connection() {
    return connection;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** A prepared statement owned by this transaction: do not close it. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Runs {@code work} in this transaction and commits it, or rolls all of it back (GEN-14). */
  <T> T commit(Sql.TxWork<T> work) throws SQLException {
    try {
      T result = work.run(this);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  void closeStatements() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // closing a statement of a finished transaction cannot fail in a way that matters
      }
    }
    statements.clear();
  }
}
