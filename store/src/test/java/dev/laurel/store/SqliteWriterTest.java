package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded store's single writer ({@link SqliteWriter}) behind {@link Database#write}. */
class SqliteWriterTest {
  private static final String INSERT = "INSERT INTO settings (name, value) VALUES (?, ?)";

  private Path dir;
  private Database db;

  @BeforeEach
  void open() throws Exception {
    dir = TestDatabases.temporaryDirectory("laurel-writer-test");
    db = Database.openSqlite(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void statements_are_prepared_once_for_every_transaction_of_the_writer() {
    PreparedStatement first = db.write(tx -> tx.prepare(INSERT));
    PreparedStatement second = db.write(tx -> tx.prepare(INSERT));
    assertThat(second).isSameAs(first);
  }

  @Test
  void gen14_a_failed_transaction_leaves_nothing_and_the_writer_goes_on() {
    assertThatThrownBy(() -> db.write(tx -> {
      insert(tx, "a", "1");
      insert(tx, "a", "2");
      return null;
    })).isInstanceOf(StoreException.class);
    assertThat(value("a")).isNull();
    db.write(tx -> insert(tx, "b", "1"));
    assertThat(value("b")).isEqualTo("1");
  }

  @Test
  void committed_writes_are_in_the_file_when_the_store_is_opened_again() {
    for (int i = 0; i < 200; i++) {
      int n = i;
      db.write(tx -> insert(tx, "k" + n, String.valueOf(n)));
    }
    db.close();
    db = Database.openSqlite(dir);
    assertThat(value("k0")).isEqualTo("0");
    assertThat(value("k199")).isEqualTo("199");
  }

  @Test
  void the_background_checkpoint_copies_committed_pages_into_the_database_file() throws Exception {
    for (int i = 0; i < 200; i++) {
      int n = i;
      db.write(tx -> insert(tx, "c" + n, String.valueOf(n)));
    }
    // The database file alone, without its WAL, holds the rows once a checkpoint copied them.
    Path copy = TestDatabases.temporaryDirectory("laurel-writer-copy").resolve("copy.db");
    long deadline = System.nanoTime() + 10_000_000_000L;
    String found = null;
    while (found == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
      Files.copy(dir.resolve("laurel.db"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
          PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = 'c199'");
          ResultSet rs = ps.executeQuery()) {
        found = rs.next() ? rs.getString(1) : null;
      } catch (java.sql.SQLException e) {
        found = null; // copied between two page writes of a checkpoint: try again
      }
    }
    assertThat(found).isEqualTo("199");
  }

  @Test
  void the_wal_starts_over_after_checkpoints_instead_of_growing_with_every_write() throws Exception {
    String page = "x".repeat(4000);
    for (int i = 0; i < 5_000; i++) {
      int n = i;
      db.write(tx -> insert(tx, "w" + n, page));
      if (i % 250 == 249) {
        Thread.sleep(150); // a checkpoint runs, then a write may start the WAL over
      }
    }
    // About 20 MB were committed; a WAL that never started over would be at least that large.
    assertThat(Files.size(dir.resolve("laurel.db-wal"))).isLessThan(10L << 20);
    assertThat(value("w4999")).isEqualTo(page);
  }

  @Test
  void the_wal_starts_over_under_a_writer_that_never_pauses() throws Exception {
    db.close();
    Path file = dir.resolve("laurel.db");
    long restartPages = 256; // 1 MiB
    try (SqliteWriter writer = new SqliteWriter(file, restartPages)) {
      String page = "x".repeat(4000);
      long largest = 0;
      for (int i = 0; i < 40_000; i++) {
        int n = i;
        writer.write(Dialect.SQLITE, tx -> insert(tx, "p" + n, page));
        if (i % 100 == 0) {
          largest = Math.max(largest, Files.size(dir.resolve("laurel.db-wal")));
        }
      }
      // About 160 MB were committed with no pause for the checkpoints to catch up in: without the
      // catch-up the WAL grows with every commit up to the backstop, 50,000 pages (200 MB). With it,
      // the WAL holds what the writer appends between two checkpoints (100 ms and their passes):
      // the faster the machine, the more (34-37 MB with 20,000 writes on the fastest so far).
      assertThat(largest).isLessThan(64L << 20);
      int rows = writer.write(Dialect.SQLITE, tx -> {
        PreparedStatement ps = tx.prepare("SELECT count(*) FROM settings WHERE name LIKE 'p%'");
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      });
      assertThat(rows).isEqualTo(40_000);
    } finally {
      db = Database.openSqlite(dir);
    }
  }

  @Test
  void a_reader_that_keeps_the_wal_from_starting_over_does_not_get_commits_held_back_every_time()
      throws Exception {
    db.close();
    Path file = dir.resolve("laurel.db");
    String page = "x".repeat(4000);
    try (SqliteWriter writer = new SqliteWriter(file, 256);
        java.sql.Connection reader = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
      writer.write(Dialect.SQLITE, tx -> insert(tx, "r", "1"));
      reader.setAutoCommit(false);
      try (PreparedStatement ps = reader.prepareStatement("SELECT count(*) FROM settings");
          ResultSet rs = ps.executeQuery()) {
        rs.next(); // the reader's snapshot stays open until its transaction ends
      }
      long end = System.nanoTime() + 1_500_000_000L;
      for (int i = 0; System.nanoTime() < end; i++) {
        int n = i;
        writer.write(Dialect.SQLITE, tx -> insert(tx, "q" + n, page));
      }
      // Once every checkpoint (every 100 ms) without the back-off: 15 held passes.
      assertThat(writer.heldPasses()).isBetween(1L, 3L);
      reader.rollback();
      long before = writer.heldPasses();
      long grownTo = Files.size(dir.resolve("laurel.db-wal"));
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        writer.write(Dialect.SQLITE, tx -> insert(tx, "s" + n, page));
      }
      // The reader gone, the WAL starts over again: 40 MB more were written into the same file.
      assertThat(writer.heldPasses()).isGreaterThan(before);
      assertThat(Files.size(dir.resolve("laurel.db-wal"))).isLessThan(grownTo + (20L << 20));
    } finally {
      db = Database.openSqlite(dir);
    }
  }

  private static int insert(Tx tx, String name, String value) throws java.sql.SQLException {
    PreparedStatement ps = tx.prepare(INSERT);
    ps.setString(1, name);
    ps.setString(2, value);
    return ps.executeUpdate();
  }

  private String value(String name) {
    return TestDatabases.setting(db, name);
  }

  /** EVENT-9: what the group commit acknowledges after {@code syncThrough} is on disk. */
  @Test
  void event9_a_deferred_commit_is_visible_at_once_and_one_flush_makes_every_commit_before_it_durable() {
    SqliteWriter writer = db.writer();
    long first = db.writeDeferringSync(tx -> insert(tx, "d1", "1"));
    assertThat(value("d1")).isEqualTo("1");
    assertThat(writer.durableThrough()).isLessThan(first);
    db.syncThrough(first);
    assertThat(writer.durableThrough()).isGreaterThanOrEqualTo(first);

    long second = db.writeDeferringSync(tx -> insert(tx, "d2", "2"));
    long third = db.writeDeferringSync(tx -> insert(tx, "d3", "3"));
    assertThat(third).isGreaterThan(second);
    db.syncThrough(second); // the flush began after both were written: it covers the third too
    assertThat(writer.durableThrough()).isGreaterThanOrEqualTo(third);
    // write() returns only once its own commit is flushed.
    db.write(tx -> insert(tx, "d4", "4"));
    assertThat(writer.durableThrough()).isGreaterThan(third);
  }
}
