package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * LB-2 and LB-39 on PostgreSQL (V13): removing a leaderboard's entries rewrites the users rows'
 * documents that hold one, while other nodes' sessions may be writing the same rows. The rows are
 * read locked, so a session that changed a user's other entries meanwhile is neither overwritten
 * nor lost.
 */
class PostgresEntryRemovalTest extends FreshPostgresTest {
  private static final Scope SCOPE = new Scope("env-1", Scope.DEFAULT_TENANT);
  private static final LocalDate RUN = LocalDate.parse("2025-01-13");
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  private static String document(String lb1, String lb2) {
    LeaderboardEntries entries = LeaderboardEntries.EMPTY;
    if (lb1 != null) {
      entries = entries.with("lb1", new LeaderboardEntry(RUN, "", new BigDecimal(lb1), T0));
    }
    return UserTallies.writeEntries(entries.with("lb2", new LeaderboardEntry(RUN, "", new BigDecimal(lb2), T0)));
  }

  @Test
  void lb39_a_session_that_changed_the_users_other_entries_meanwhile_keeps_its_change() throws Exception {
    db.write(tx -> tx.update(
        "INSERT INTO users (env_id, tenant_id, id, device_tokens, subscribe_to_emails, attributes, control,"
            + " preferences, created, updated, leaderboards) VALUES (?, ?, 'ann', '[]', FALSE, '{}', FALSE, '{}',"
            + " 0, 0, ?)",
        SCOPE.environmentId(), SCOPE.tenantId(), document("5", "1")));
    try (Connection session = connect()) {
      // Another node's session has written ann's row (lb2 from 1 to 2) and not committed yet.
      session.setAutoCommit(false);
      try (PreparedStatement ps = session.prepareStatement(
          "UPDATE users SET leaderboards = ?, state_version = state_version + 1 WHERE id = 'ann'")) {
        ps.setString(1, document("5", "2"));
        ps.executeUpdate();
      }
      CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> db.write(tx -> {
        RankingRepository.deleteAllEntries(tx, "lb1");
        return null;
      }));
      Thread.sleep(500);
      assertThat(removal).as("the removal waits for the session's row").isNotDone();
      session.commit();
      removal.get(10, TimeUnit.SECONDS);
    }
    String stored = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT leaderboards, state_version FROM users WHERE id = 'ann'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1) + " " + rs.getLong(2);
      }
    });
    assertThat(stored).isEqualTo(document(null, "2") + " 2");
  }
}
