package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Moving an embedded store into PostgreSQL keeps every row and value exactly. */
class StoreCopyTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

  @Test
  void an_embedded_store_is_copied_into_postgres_row_for_row() {
    String name = TestDatabases.createPostgresDatabase();
    try (Database sqlite = TestDatabases.sqlite(); Database postgres = TestDatabases.postgres(name)) {
      ConfigRepository config = new ConfigRepository(sqlite);
      UserRepository users = new UserRepository(sqlite);
      KeyRepository keys = new KeyRepository(sqlite);
      Environment env = config.ensureEnvironment("production", "Production", "production", T0);
      Scope scope = Scope.defaultTenant(env.id());
      keys.settingOrInit("key_hash_secret", "abc123");
      sqlite.write(tx -> {
        config.insertMetric(tx, scope, new Metric("m1", "cards", "Cards", UnitType.NUMBER, ""), T0);
        users.saveProfile(
            tx, scope, new UserProfile("u1", null, "Ada", "Europe/London", List.of(), true, Map.of("plan", "pro"), true, T0, T0),
            Preferences.NONE);
        users.saveTotals(tx, scope, "u1", Map.of("m1", new BigDecimal("12345678901.0000000001")));
        users.insertEvent(tx, scope, new StoredEvent("e1", "u1", "m1", new BigDecimal("-0.25"), Map.of(), "Europe/London", T0, "k1"));
        keys.insertAdminKey(tx, "k", env.id(), "abcd1234", "hash", T0);
        new BatchRepository(sqlite).enqueue(tx, scope, "b1", List.of("{}"), T0);
        return null;
      });
      // The target was started once on its own: it has its own environment and settings.
      new ConfigRepository(postgres).ensureEnvironment("production", "Production", "production", T0);

      Map<String, Integer> copied = StoreCopy.copy(sqlite, postgres);

      assertThat(copied).containsEntry("users", 1).containsEntry("events", 1);
      UserRepository target = new UserRepository(postgres);
      assertThat(target.load(scope, "u1").profile()).isEqualTo(users.load(scope, "u1").profile());
      assertThat(target.load(scope, "u1").total("m1")).isEqualByComparingTo("12345678901.0000000001");
      assertThat(target.findByIdempotencyKey(scope, "u1", "m1", "k1").value()).isEqualByComparingTo("-0.25");
      assertThat(new KeyRepository(postgres).byPrefix("abcd1234").hash()).isEqualTo("hash");
      assertThat(new KeyRepository(postgres).settingOrInit("key_hash_secret", "other")).isEqualTo("abc123");
      assertThat(new ConfigRepository(postgres).environmentByKey("production").id()).isEqualTo(env.id());
      assertThat(new BatchRepository(postgres).next(0, 10)).hasSize(1);
      postgres.write(tx -> {
        new BatchRepository(postgres).enqueue(tx, scope, "b2", List.of("{}"), T0);
        return null;
      });
      assertThat(new BatchRepository(postgres).next(0, 10)).hasSize(2);
      assertThatThrownBy(() -> StoreCopy.copy(sqlite, postgres)).hasMessageContaining("not empty");
    } finally {
      TestDatabases.dropPostgres(name);
    }
  }
}
