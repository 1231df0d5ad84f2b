package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes queued by a PostgreSQL session ({@link Tx#queueWrites}) are sent with the transaction's
 * {@code COMMIT} as their last statement: everything commits, or nothing does (GEN-14).
 */
class PostgresQueuedWritesTest extends FreshPostgresTest {
  private static final String INSERT = "INSERT INTO settings (name, value) VALUES (?, ?)";

  @Test
  void queued_writes_commit_together() {
    db.write(tx -> {
      tx.queueWrites();
      tx.write(INSERT, "a", "1");
      tx.write(INSERT, "b", "2");
      return null;
    });
    assertThat(value("a")).isEqualTo("1");
    assertThat(value("b")).isEqualTo("2");
  }

  @Test
  void the_commit_goes_with_the_last_writes_so_jdbc_commit_sends_nothing() throws Exception {
    java.util.List<org.postgresql.core.TransactionState> atCommit = new java.util.ArrayList<>();
    try (java.sql.Connection raw = connect()) {
      raw.setAutoCommit(false);
      java.sql.Connection watched = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
              atCommit.add(raw.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState());
            }
            try {
              return method.invoke(raw, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      new Tx(watched, Dialect.POSTGRESQL).commit(tx -> {
        tx.queueWrites();
        tx.write(INSERT, "a", "1");
        return null;
      });
    }
    assertThat(atCommit).containsExactly(org.postgresql.core.TransactionState.IDLE);
    assertThat(value("a")).isEqualTo("1");
  }

  @Test
  void writes_queued_after_a_read_in_the_transaction_commit_with_it() {
    String read = db.write(tx -> {
      tx.queueWrites();
      tx.write(INSERT, "a", "1");
      PreparedStatement ps = tx.prepare("SELECT value FROM settings WHERE name = 'a'");
      String seen;
      try (ResultSet rs = ps.executeQuery()) {
        seen = rs.next() ? rs.getString(1) : null;
      }
      tx.write(INSERT, "b", "2");
      return seen;
    });
    assertThat(read).isEqualTo("1");
    assertThat(value("b")).isEqualTo("2");
  }

  @Test
  void gen14_a_failing_write_leaves_nothing_and_the_commit_after_it_does_not_run() {
    assertFailsLeavingNothing("c", tx -> {
      tx.queueWrites();
      tx.write(INSERT, "c", "3");
      tx.write(INSERT, "a", "again");
      return null;
    });
    // The pooled connection was given back with no transaction left open: the next one commits.
    for (int i = 0; i < 20; i++) {
      int n = i;
      db.write(tx -> {
        tx.queueWrites();
        tx.write(INSERT, "d" + n, "4");
        return null;
      });
    }
    assertThat(value("d19")).isEqualTo("4");
  }

  private String value(String key) {
    return TestDatabases.setting(db, key);
  }

  private static final String STEP_A = "INSERT INTO unit_log (unit, step) VALUES (?, 'a')";
  private static final String STEP_B = "INSERT INTO unit_log (unit, step) VALUES (?, 'b')";

  /** Issue 8: a group commit's units, each ended with {@link Tx#endUnit()}. */
  @Test
  void several_units_writes_go_as_one_batch_per_statement_each_unit_in_its_order() {
    db.write(tx -> tx.update("CREATE TABLE unit_log (seq BIGSERIAL PRIMARY KEY, unit TEXT, step TEXT)"));
    db.write(tx -> {
      tx.queueWrites();
      tx.write(STEP_A, "u1");
      tx.write(STEP_B, "u1");
      tx.write(STEP_B, "u1");
      tx.endUnit();
      tx.write(STEP_B, "u2");
      tx.write(STEP_A, "u2");
      tx.endUnit();
      tx.write(STEP_A, "u3");
      tx.write(STEP_B, "u3");
      tx.endUnit();
      return null;
    });
    List<String> log = rows("SELECT unit || step FROM unit_log ORDER BY seq");
    // Each unit's writes in its order...
    assertThat(log.stream().filter(r -> r.startsWith("u1"))).containsExactly("u1a", "u1b", "u1b");
    assertThat(log.stream().filter(r -> r.startsWith("u2"))).containsExactly("u2b", "u2a");
    assertThat(log.stream().filter(r -> r.startsWith("u3"))).containsExactly("u3a", "u3b");
    // ...in four batches, each the statement heading the most units' remaining writes, the units
    // in their order: the first statements of u1 and u3, then the next of all three, then the rest.
    assertThat(log).containsExactly("u1a", "u3a", "u1b", "u2b", "u3b", "u1b", "u2a");
  }

  @Test
  void gen14_a_failing_write_in_a_batch_of_several_units_leaves_nothing() {
    assertFailsLeavingNothing("b", tx -> {
      tx.queueWrites();
      tx.write(INSERT, "b", "2");
      tx.endUnit();
      tx.write(INSERT, "a", "again");
      tx.endUnit();
      return null;
    });
  }

  /**
   * GEN-14: with setting "a" stored, {@code failing} (whose writes include one of "a" again, which
   * the primary key refuses) fails and leaves nothing: no {@code written}, "a" as it was.
   */
  private void assertFailsLeavingNothing(String written, Sql.TxWork<?> failing) {
    db.write(tx -> tx.update(INSERT, "a", "1"));
    assertThatThrownBy(() -> db.write(failing)).isInstanceOf(StoreException.class);
    assertThat(value(written)).isNull();
    assertThat(value("a")).isEqualTo("1");
  }

  private List<String> rows(String query) {
    return db.read(c -> {
      List<String> out = new java.util.ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
