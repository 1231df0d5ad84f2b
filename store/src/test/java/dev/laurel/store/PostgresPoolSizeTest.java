package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 8: the number of connections a node keeps to PostgreSQL is its own setting
 * ({@code --database-pool}, default {@link Database#DEFAULT_POSTGRES_POOL}).
 */
class PostgresPoolSizeTest extends FreshPostgresTest {

  private Database withPool(int size) {
    return Database.openPostgres("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", null, size);
  }

  /** A write that reads through {@code depth} more connections, each while it holds the others. */
  private static String readWhileWriting(Database db, int depth) {
    return db.write(tx -> {
      tx.update("INSERT INTO settings (name, value) VALUES ('a', '1') ON CONFLICT DO NOTHING");
      return nestedReads(db, depth);
    });
  }

  private static String nestedReads(Database db, int depth) {
    return depth == 0 ? "read" : db.read(c -> nestedReads(db, depth - 1));
  }

  @Test
  void the_pool_holds_as_many_connections_as_asked() {
    try (Database three = withPool(3)) {
      assertThat(readWhileWriting(three, 2)).isEqualTo("read");
    }
    try (Database two = withPool(2)) {
      assertThat(readWhileWriting(two, 1)).isEqualTo("read");
      // Both connections are taken: the third waits for one until the pool's timeout.
      assertThatThrownBy(() -> readWhileWriting(two, 2)).isInstanceOf(StoreException.class);
    }
  }

  @Test
  void a_pool_too_small_to_migrate_is_refused() {
    assertThatThrownBy(() -> withPool(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two connections");
  }
}
