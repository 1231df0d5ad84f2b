package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.store.Database;
import dev.laurel.store.Sql;
import dev.laurel.store.StoreException;
import dev.laurel.store.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DESIGN "durable before acknowledged": units written together, a failing unit refused alone. */
class GroupCommitterTest {
  private Database db;
  private GroupCommitter committer;

  @BeforeEach
  void setUp() throws Exception {
    db = Database.openSqlite(TestDatabases.temporaryDirectory("laurel-group"));
    committer = new GroupCommitter(db);
  }

  @AfterEach
  void tearDown() {
    committer.close();
    db.close();
  }

  private CompletableFuture<Void> put(long generation, String name) {
    return committer.submit(generation, tx -> {
      tx.write("INSERT INTO settings (name, value) VALUES (?, ?)", name, "v");
      return null;
    });
  }

  private List<String> names() {
    return names("name");
  }

  /** The units' rows in the order they were written (SQLite's rowids grow). */
  private List<String> namesInWrittenOrder() {
    return names("rowid");
  }

  private List<String> names(String orderBy) {
    return db.read(c -> {
      List<String> names = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM settings WHERE name LIKE 'unit-%' ORDER BY " + orderBy);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    });
  }

  private CountDownLatch holdWriter() throws InterruptedException {
    return holdWriter(committer);
  }

  /** Holds the writer until the returned latch is released, so that later units queue as one group. */
  static CountDownLatch holdWriter(GroupCommitter committer) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    committer.submit(committer.generation(), tx -> {
      held.countDown();
      return waitingFor(release).run(tx);
    });
    held.await();
    return release;
  }

  /** Waits until {@code units} units are queued for the next group. */
  static void awaitQueued(GroupCommitter committer, int units) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (committer.queued() < units) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(committer.queued() + " units queued, not " + units);
      }
      Thread.sleep(5);
    }
  }

  /** A unit that keeps the writer until {@code release} is counted down. */
  static Sql.TxWork<Void> waitingFor(CountDownLatch release) {
    return tx -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    };
  }

  @Test
  void units_queued_together_commit_together_and_each_caller_is_released() throws Exception {
    CountDownLatch release = holdWriter();
    long generation = committer.generation();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      done.add(put(generation, "unit-" + (char) ('a' + i)));
    }
    release.countDown();
    done.forEach(GroupCommitter::await);
    assertThat(names()).hasSize(20);
  }

  @Test
  void a_failing_unit_is_refused_alone_and_units_built_after_it_on_older_state_are_refused() throws Exception {
    CountDownLatch release = holdWriter();
    long generation = committer.generation();
    CompletableFuture<Void> before = put(generation, "unit-a");
    CompletableFuture<Void> failing = committer.submit(generation, tx -> {
      tx.write("INSERT INTO settings (name, value) VALUES (?, ?)", "unit-b", "v");
      throw new SQLException("disk full");
    });
    CompletableFuture<Void> after = put(generation, "unit-c");
    release.countDown();
    GroupCommitter.await(before);
    assertThatThrownBy(() -> GroupCommitter.await(failing)).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> GroupCommitter.await(after)).isInstanceOf(StoreException.class);
    // The failing unit's own write was rolled back with it; the unit before it committed.
    assertThat(names()).containsExactly("unit-a");
    // Units read in the new generation are written again.
    GroupCommitter.await(put(committer.generation(), "unit-d"));
    assertThat(names()).containsExactly("unit-a", "unit-d");
  }

  private CompletableFuture<Void> putKeyed(long generation, String key, String name) {
    return committer.submit(generation, key, tx -> {
      tx.write("INSERT INTO settings (name, value) VALUES (?, ?)", name, "v");
      return null;
    });
  }

  /** The units {@code submit} queues (given the generation) written as one group; their names in written order. */
  private List<String> writtenAsOneGroup(Function<Long, List<CompletableFuture<Void>>> submit) throws Exception {
    CountDownLatch release = holdWriter();
    List<CompletableFuture<Void>> done = submit.apply(committer.generation());
    release.countDown();
    done.forEach(GroupCommitter::await);
    return namesInWrittenOrder();
  }

  @Test
  void a_group_writes_keyed_units_in_the_order_of_their_keys_after_the_others_in_theirs() throws Exception {
    List<String> written = writtenAsOneGroup(generation -> List.of(
        putKeyed(generation, "k3", "unit-k3"),
        put(generation, "unit-first"),
        putKeyed(generation, "k1", "unit-k1"),
        put(generation, "unit-second"),
        putKeyed(generation, "k2", "unit-k2")));
    assertThat(written).containsExactly("unit-first", "unit-second", "unit-k1", "unit-k2", "unit-k3");
  }

  @Test
  void keys_are_ordered_by_code_point_as_postgresql_locks_rows_in_admin_rewrites() throws Exception {
    // U+1F600 is two UTF-16 units from U+D83D: String.compareTo puts it before U+FFFD.
    List<String> written = writtenAsOneGroup(generation -> List.of(
        putKeyed(generation, "\uD83D\uDE00", "unit-emoji"),
        putKeyed(generation, "\uFFFD", "unit-replacement"),
        putKeyed(generation, "user_1", "unit-underscore"),
        putKeyed(generation, "user-10", "unit-hyphen")));
    assertThat(written).containsExactly("unit-hyphen", "unit-underscore", "unit-replacement", "unit-emoji");
  }

  @Test
  void a_failing_unit_checked_when_written_starts_no_new_generation() throws Exception {
    CountDownLatch release = holdWriter();
    long generation = committer.generation();
    CompletableFuture<Void> failing = committer.submit(GroupCommitter.CHECKED_WHEN_WRITTEN, "k1", tx -> {
      throw new SQLException("claim failed");
    });
    CompletableFuture<Void> after = put(generation, "unit-a");
    release.countDown();
    assertThatThrownBy(() -> GroupCommitter.await(failing)).isInstanceOf(StoreException.class);
    GroupCommitter.await(after); // not refused: nothing was computed from the failed unit's state
    assertThat(committer.generation()).isEqualTo(generation);
    assertThat(names()).containsExactly("unit-a");
  }
}
