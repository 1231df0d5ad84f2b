package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the columns of one row set with {@link Tx#setLater} are written as one {@code UPDATE}
 * (an event sets up to four documents of its user's row), never lost and never written after the
 * unit that set them was rolled back (GEN-14).
 */
class TxSetLaterTest {
  private static final String WHERE = "k = ?";
  private static final Object[] X = {"x"};
  private Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite();
    db.write(tx -> {
      tx.update("CREATE TABLE t (k TEXT PRIMARY KEY, a TEXT, b TEXT)");
      tx.update("INSERT INTO t VALUES ('x', '0', '0')");
      return null;
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void columns_of_one_row_set_later_are_one_update_and_the_last_value_wins() {
    long changes = db.write(tx -> {
      long before = totalChanges(tx);
      tx.setLater("t", WHERE, X, "a", "1");
      tx.update("INSERT INTO t VALUES ('y', '0', '0')"); // a write in between leaves them pending
      tx.setLater("t", WHERE, X, "b", "2");
      tx.setLater("t", WHERE, X, "a", "3");
      tx.writeSetLater();
      return totalChanges(tx) - before;
    });
    assertThat(changes).isEqualTo(2); // the insert, then one update of x
    assertThat(row("x")).isEqualTo("3,2");
    assertThat(row("y")).isEqualTo("0,0");
  }

  @Test
  void the_commit_writes_what_is_still_set_later() {
    db.write(tx -> {
      tx.setLater("t", WHERE, X, "b", "7");
      return null;
    });
    assertThat(row("x")).isEqualTo("0,7");
  }

  @Test
  void a_read_in_the_transaction_sees_the_columns_set_later() {
    String seen = db.write(tx -> {
      tx.setLater("t", WHERE, X, "a", "5");
      try (ResultSet rs = tx.prepare("SELECT a FROM t WHERE k = 'x'").executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    });
    assertThat(seen).isEqualTo("5");
  }

  @Test
  void gen14_nothing_set_later_outlives_a_rolled_back_transaction_or_a_discarded_unit() {
    assertThatThrownBy(() -> db.write(tx -> {
      tx.setLater("t", WHERE, X, "a", "lost");
      throw new IllegalStateException("the unit fails");
    })).isInstanceOf(RuntimeException.class);
    db.write(tx -> {
      tx.setLater("t", WHERE, X, "b", "dropped");
      tx.discardUnsent();
      return null;
    });
    db.write(tx -> tx.update("UPDATE t SET b = '1' WHERE k = 'y'")); // the next transaction
    assertThat(row("x")).isEqualTo("0,0");
  }

  private static long totalChanges(Tx tx) throws SQLException {
    PreparedStatement ps = tx.prepare("SELECT total_changes()");
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String row(String k) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT a || ',' || b FROM t WHERE k = ?")) {
        ps.setString(1, k);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }
}
