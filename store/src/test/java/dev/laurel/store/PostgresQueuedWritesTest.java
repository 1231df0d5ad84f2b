package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    db.write(tx -> tx.update(INSERT, "a", "1"));
    assertThatThrownBy(() -> db.write(tx -> {
      tx.queueWrites();
      tx.write(INSERT, "c", "3");
      tx.write(INSERT, "a", "again");
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(value("c")).isNull();
    assertThat(value("a")).isEqualTo("1");
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
}
