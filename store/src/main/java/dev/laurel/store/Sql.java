package dev.laurel.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Functional interfaces for JDBC work that may throw {@link SQLException}. */
public final class Sql {
  private Sql() {}

  /** Work on a connection returning a value. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work inside a write transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Tx tx) throws SQLException;
  }
}
