package dev.laurel.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Functional interfaces for JDBC work that may throw {@link SQLException}. */
public final class Sql {
  private Sql() {}

  /** Work on a connection returning a value. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Prepares statements that the caller must not close: the owner keeps them (a transaction for
   * its length, the embedded store's reader for the life of its connection) or closes them when
   * the work is done.
   */
  @FunctionalInterface
  public interface Statements {
    PreparedStatement prepare(String sql) throws SQLException;
  }

  /** Read-only work that prepares its statements through {@link Statements}. */
  @FunctionalInterface
  public interface PreparedWork<T> {
    T run(Statements statements) throws SQLException;
  }

  /** Work inside a write transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Tx tx) throws SQLException;
  }
}
