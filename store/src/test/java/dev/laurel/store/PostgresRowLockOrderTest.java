package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.CodePoints;
import dev.laurel.engine.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two transactions that lock several users rows wait for each other in a cycle (a deadlock, which
 * PostgreSQL breaks after a second by failing one) unless they lock them in the same order. An
 * admin rewrite of users rows ({@link UserRepository#rewriteLocked}: ATTR-5, LB-2, LB-39) and a
 * bump of their state versions ({@link UserRepository#bumpStateVersions}: ACH-6) lock them in the
 * order the group commit writes its units in: code point order of (environment,
 * tenant, user), which is PostgreSQL's {@code "C"} collation — whatever the database's own
 * collation, which under a language's rules (the default of many installations) orders ids
 * otherwise ("user-10" and "user_1" by their letters and digits first).
 */
class PostgresRowLockOrderTest extends FreshPostgresTest {
  private static final Scope SCOPE = new Scope("env-1", Scope.DEFAULT_TENANT);

  @Override
  protected String databaseOptions() {
    return " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'";
  }

  @Test
  void an_admin_rewrite_locks_users_rows_in_code_point_order_under_a_language_collation() {
    List<String> ids = List.of("user_1", "User2", "user-10", "user1", "a b", "ab", "é", "z", "\uFFFD", "\uD83D\uDE00");
    for (String id : ids) {
      TestDatabases.insertUser(db, SCOPE, id, Json.write(java.util.Map.of("id", id)));
    }
    List<String> locked = new ArrayList<>();
    db.write(tx -> {
      UserRepository.rewriteLocked(
          tx, "attributes", "env_id = ? AND tenant_id = ?", List.of(SCOPE.environmentId(), SCOPE.tenantId()),
          attributes -> {
            locked.add(Json.stringMap(attributes).get("id"));
            return null;
          });
      return null;
    });
    assertThat(locked).containsExactlyElementsOf(inCodePointOrder(ids));
    // The state versions' bump (ACH-6's filtered totals) locks the rows first the same way.
    List<String> bumped = db.write(tx -> UserRepository.lockInOrder(
        tx, "(env_id, tenant_id, id) IN (SELECT env_id, tenant_id, id FROM users WHERE env_id = ?)",
        SCOPE.environmentId()));
    assertThat(bumped).containsExactlyElementsOf(inCodePointOrder(ids));
  }

  private static List<String> inCodePointOrder(List<String> ids) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(CodePoints::compare);
    return sorted;
  }
}
