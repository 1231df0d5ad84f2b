package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ATTR-5 on PostgreSQL: dropping a deleted user attribute's values rewrites users' attributes,
 * while other nodes' sessions may be writing the same rows. The rows are read locked, so a session
 * that changed a user's attributes meanwhile is neither overwritten nor lost.
 */
class PostgresAttributeRemovalTest extends FreshPostgresTest {
  private static final Scope SCOPE = new Scope("env-1", Scope.DEFAULT_TENANT);

  @Test
  void attr5_a_session_that_changed_the_user_meanwhile_keeps_its_change() throws Exception {
    TestDatabases.insertUser(db, SCOPE, "ann", "{\"city\":\"Oslo\",\"plan\":\"free\"}");
    try (Connection session = connect()) {
      // Another node's session has written ann's row and not committed yet.
      session.setAutoCommit(false);
      try (PreparedStatement ps = session.prepareStatement(
          "UPDATE users SET attributes = ?, state_version = state_version + 1 WHERE id = 'ann'")) {
        ps.setString(1, "{\"city\":\"Bergen\",\"plan\":\"pro\"}");
        ps.executeUpdate();
      }
      CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> db.write(tx -> {
        new ConfigRepository(db).removeUserAttributeValues(tx, SCOPE, "plan");
        return null;
      }));
      Thread.sleep(500);
      assertThat(removal).as("the removal waits for the session's row").isNotDone();
      session.commit();
      removal.get(10, TimeUnit.SECONDS);
    }
    assertThat(attributes("ann")).isEqualTo("{\"city\":\"Bergen\"}");
  }

  private String attributes(String user) {
    return TestDatabases.userColumn(db, user, "attributes");
  }
}
