package dev.laurel.store;

import dev.laurel.engine.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The queries that read one user's state, each taking the user's env_id, tenant_id and user_id as
 * its three parameters ({@link #OF_USER}), read in order with {@link #next}. With PostgreSQL they
 * are sent as one multi-statement query, so reading a whole state is one round trip whatever the
 * number of tables (issue 8); with SQLite, which runs in process, they run one after the other.
 */
final class UserReads {
  /** The condition of every such query: its three parameters, bound in this order by {@link #next}. */
  static final String OF_USER = " WHERE env_id = ? AND tenant_id = ? AND user_id = ?";

  /** Reads one query's rows. */
  @FunctionalInterface
  interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private final Sql.Statements statements;
  private final List<String> queries;
  private final Scope scope;
  private final String userId;
  /** PostgreSQL: the one statement holding every query; null with SQLite. */
  private final PreparedStatement all;
  private int read;

  private UserReads(Sql.Statements statements, List<String> queries, Scope scope, String userId, PreparedStatement all) {
    this.statements = statements;
    this.queries = queries;
    this.scope = scope;
    this.userId = userId;
    this.all = all;
  }

  /** Statements come from {@code statements}, whose owner closes them. */
  static UserReads open(Sql.Statements statements, Dialect dialect, List<String> queries, Scope scope, String userId)
      throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      return new UserReads(statements, queries, scope, userId, null);
    }
    PreparedStatement ps = statements.prepare(String.join(";\n", queries));
    for (int i = 0; i < queries.size(); i++) {
      bind(ps, 3 * i, scope, userId);
    }
    ps.execute();
    return new UserReads(statements, queries, scope, userId, ps);
  }

  /** The rows of the next query, read by {@code rows}. */
  <T> T next(Rows<T> rows) throws SQLException {
    if (read == queries.size()) {
      throw new IllegalStateException("every query was read");
    }
    String query = queries.get(read);
    if (all != null) {
      if (read > 0 && !all.getMoreResults()) {
        throw new SQLException("no result for " + query);
      }
      read++;
      try (ResultSet rs = all.getResultSet()) {
        return rows.read(rs);
      }
    }
    read++;
    PreparedStatement ps = statements.prepare(query);
    bind(ps, 0, scope, userId);
    try (ResultSet rs = ps.executeQuery()) {
      return rows.read(rs);
    }
  }

  private static void bind(PreparedStatement ps, int offset, Scope scope, String userId) throws SQLException {
    ps.setString(offset + 1, scope.environmentId());
    ps.setString(offset + 2, scope.tenantId());
    ps.setString(offset + 3, userId);
  }
}
