package dev.laurel.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open write transaction: every repository write of one unit of work goes through the same one.
 * {@link #prepare(String)} keeps each statement for the whole transaction (for the embedded store's
 * writer, for the life of its connection), so the many units of a group commit reuse them instead
 * of preparing them again.
 *
 * <p>Writes whose row count nobody reads go through {@link #write(String, Object...)}. Once {@link
 * #queueWrites()} was called (issue 8: a PostgreSQL user session), they are held and sent together,
 * as one multi-statement round trip, before anything else runs on the connection: the next
 * {@link #prepare}, {@link #connection()}, {@link #flush()} or the commit. A failing write then
 * fails there, and the whole transaction is rolled back as before.
 *
 * <p>Columns of one row set with {@link #setLater} are written together, in one {@code UPDATE},
 * before the next statement that may read them ({@link #prepare}, {@link #connection()}), at the
 * end of the unit of work ({@link #writeSetLater()}) or at the commit (issue 8: an event sets up
 * to four documents of its user's row).
 *
 * <p>A transaction may carry several independent units of work (a group commit's, each ended with
 * {@link #endUnit()}). Queued writes of several units are sent as one batch per statement instead
 * (issue 8: the claims of all units, then all their event inserts, and so on): each unit's writes
 * keep their order, and so do the units within each batch, but one unit's writes may go before
 * another's that were queued earlier. Units must therefore touch rows of their own only (rows that
 * several units update with commutative writes aside). Queued writes must return no rows.
 */
public final class Tx {
  private final Connection connection;
  private final Dialect dialect;
  private final Map<String, PreparedStatement> statements;
  private final List<Write> queued = new ArrayList<>();
  private final Map<Row, Map<String, Object>> later = new LinkedHashMap<>();
  private boolean queueing;
  /** The current unit of work ({@link #endUnit()}). */
  private int unit;

  /** The row of {@code table} that {@code where} selects with {@code keyValues}. */
  private record Row(String table, String where, List<Object> keyValues) {}

  /** A write held back, with its parameter values in order, and the unit of work it belongs to. */
  private record Write(String sql, Object[] values, int unit) {}

  /** A typed SQL NULL for {@link #write(String, Object...)} (a plain null binds as a text NULL). */
  public record Null(int sqlType) {}

  Tx(Connection connection, Dialect dialect) {
    this(connection, dialect, new HashMap<>());
  }

  /** A transaction on a connection that outlives it, preparing into that connection's {@code statements}. */
  Tx(Connection connection, Dialect dialect, Map<String, PreparedStatement> statements) {
    this.connection = connection;
    this.dialect = dialect;
    this.statements = statements;
  }

  /** The connection, for statements of one's own: queued writes are sent first. */
  public Connection connection() {
    try {
      settle();
    } catch (SQLException e) {
      throw new StoreException("database write failed: " + e.getMessage(), e);
    }
    return connection;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** A prepared statement owned by this transaction: do not close it. Queued writes are sent first. */
  public PreparedStatement prepare(String sql) throws SQLException {
    settle();
    return prepared(sql);
  }

  /** Writes the columns set for later, then sends the queued writes. */
  private void settle() throws SQLException {
    writeSetLater();
    flush();
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    return kept(connection, statements, sql);
  }

  /** The statement kept in {@code statements} for {@code sql}, prepared on {@code connection} once. */
  static PreparedStatement kept(Connection connection, Map<String, PreparedStatement> statements, String sql)
      throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /**
   * Executes one write with these parameter values (String, Long, Integer, Boolean, BigDecimal in
   * the dialect's way, null as text, or a {@link Null}), now or, after {@link #queueWrites()}, with
   * the next ones.
   */
  public void write(String sql, Object... values) throws SQLException {
    if (queueing) {
      queued.add(new Write(sql, values, unit));
      return;
    }
    update(sql, values);
  }

  /**
   * Executes one write with these parameter values (as {@link #write}) now, and returns its row
   * count. Columns set for later stay pending: a write must not depend on them.
   */
  public int update(String sql, Object... values) throws SQLException {
    flush();
    PreparedStatement ps = prepared(sql);
    bind(ps, 0, values);
    return ps.executeUpdate();
  }

  /**
   * Sets {@code column} to {@code value} (bound as by {@link #write}) in the row of {@code table}
   * that {@code where} selects with {@code keyValues}, together with the row's other columns set
   * later: one {@code UPDATE}, written through {@link #write} before the next {@link #prepare},
   * {@link #connection()} or the commit. A later value of the same column replaces an earlier one.
   * The row must exist by then; writes in between must not read the column.
   */
  public void setLater(String table, String where, Object[] keyValues, String column, Object value) {
    later.computeIfAbsent(new Row(table, where, List.of(keyValues)), row -> new LinkedHashMap<>()).put(column, value);
  }

  /**
   * Writes the columns set for later now. A caller running several units of work in one
   * transaction calls it at the end of each, so that no unit's columns are written after another
   * unit's writes to the same row.
   */
  public void writeSetLater() throws SQLException {
    for (Map.Entry<Row, Map<String, Object>> e : later.entrySet()) {
      Row row = e.getKey();
      Map<String, Object> columns = e.getValue();
      StringBuilder sql = new StringBuilder("UPDATE ").append(row.table()).append(" SET ");
      Object[] values = new Object[columns.size() + row.keyValues().size()];
      int i = 0;
      for (Map.Entry<String, Object> c : columns.entrySet()) {
        sql.append(i == 0 ? "" : ", ").append(c.getKey()).append(" = ?");
        values[i++] = c.getValue();
      }
      for (Object key : row.keyValues()) {
        values[i++] = key;
      }
      write(sql.append(" WHERE ").append(row.where()).toString(), values);
    }
    later.clear();
  }

  /**
   * Ends one of several independent units of work in this transaction: writes its columns set for
   * later; the next writes belong to the next unit (see the class comment).
   */
  public void endUnit() throws SQLException {
    writeSetLater();
    unit++;
  }

  /** Forgets the writes not sent yet (queued, or set for later): the caller rolls back their unit. */
  public void discardUnsent() {
    queued.clear();
    later.clear();
  }

  /**
   * From now on until the end of the transaction, {@link #write(String, Object...)} holds writes
   * back and sends them in one round trip when the connection is next used (PostgreSQL only: the
   * driver sends the statements of one multi-statement query before waiting for any reply).
   */
  public void queueWrites() {
    if (dialect != Dialect.POSTGRESQL) {
      throw new IllegalStateException("writes are queued on PostgreSQL only");
    }
    queueing = true;
  }

  /** Sends the queued writes, if any, in one round trip. */
  public void flush() throws SQLException {
    flush(false);
  }

  /**
   * Sends the queued writes, if any, in one round trip; with {@code andCommit}, the transaction's
   * {@code COMMIT} goes with them as their last statement (PostgreSQL runs it only if every write
   * before it succeeded), so that {@link Connection#commit} then finds no transaction open and
   * sends nothing: one round trip instead of two.
   */
  private void flush(boolean andCommit) throws SQLException {
    if (queued.isEmpty()) {
      return;
    }
    List<Write> writes = List.copyOf(queued);
    queued.clear();
    if (writes.getFirst().unit() != writes.getLast().unit()) {
      sendInBatches(writes); // the COMMIT, if any, follows on its own
      return;
    }
    StringBuilder sql = new StringBuilder();
    for (Write w : writes) {
      sql.append(sql.isEmpty() ? "" : ";\n").append(w.sql());
    }
    if (andCommit) {
      sql.append(";\nCOMMIT");
    }
    PreparedStatement ps = prepared(sql.toString());
    int offset = 0;
    for (Write w : writes) {
      bind(ps, offset, w.values());
      offset += w.values().length;
    }
    ps.execute();
  }

  /**
   * Sends the writes of several units as batches of one statement each, in as few batches as the
   * units' orders allow: each batch runs the statement that heads the most units' remaining writes,
   * for each of those units, in the units' order. (A batch is sent in one round trip, and a
   * statement that runs again and again is prepared once by PostgreSQL; a multi-statement text of
   * every unit's writes would be a new text each time, planned anew.)
   */
  private void sendInBatches(List<Write> writes) throws SQLException {
    Map<Integer, ArrayDeque<Write>> units = new LinkedHashMap<>();
    for (Write w : writes) {
      units.computeIfAbsent(w.unit(), u -> new ArrayDeque<>()).add(w);
    }
    while (!units.isEmpty()) {
      Map<String, Integer> heads = new LinkedHashMap<>();
      for (ArrayDeque<Write> chain : units.values()) {
        heads.merge(chain.getFirst().sql(), 1, Integer::sum);
      }
      String sql = Collections.max(heads.entrySet(), Map.Entry.comparingByValue()).getKey();
      PreparedStatement ps = prepared(sql);
      for (var it = units.values().iterator(); it.hasNext(); ) {
        ArrayDeque<Write> chain = it.next();
        if (chain.getFirst().sql().equals(sql)) {
          bind(ps, 0, chain.removeFirst().values());
          ps.addBatch();
          if (chain.isEmpty()) {
            it.remove();
          }
        }
      }
      ps.executeBatch();
    }
  }

  private void bind(PreparedStatement ps, int offset, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      int index = offset + i + 1;
      switch (values[i]) {
        case null -> ps.setString(index, null);
        case String v -> ps.setString(index, v);
        case Long v -> ps.setLong(index, v);
        case Integer v -> ps.setInt(index, v);
        case Boolean v -> ps.setBoolean(index, v);
        case java.math.BigDecimal v -> dialect.setDecimal(ps, index, v);
        case Null v -> ps.setNull(index, v.sqlType());
        default -> throw new IllegalArgumentException("cannot bind a " + values[i].getClass().getName());
      }
    }
  }

  /** Runs {@code work} in this transaction and commits it, or rolls all of it back (GEN-14). */
  <T> T commit(Sql.TxWork<T> work) throws SQLException {
    try {
      T result = work.run(this);
      writeSetLater();
      flush(true);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      discardUnsent();
      connection.rollback();
      throw e;
    }
  }

  void closeStatements() {
    closeAll(statements);
  }

  /** Closes and forgets kept statements (see {@link #kept}). */
  static void closeAll(Map<String, PreparedStatement> statements) {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // a statement whose work is over, on a connection closed soon: nothing is lost
      }
    }
    statements.clear();
  }
}
