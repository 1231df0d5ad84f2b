package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.points.Award;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * Issue 8, migration V9 (events clustered per user, awards without the index on their id): rows
 * stored under V8 are read the same after the upgrade, on both backends, and new rows follow them.
 */
class MigrationV9Test extends UpgradeContract {

  @Override
  String fromVersion() {
    return "8";
  }

  @Override
  void writeRows(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO events (id, env_id, tenant_id, user_id, metric_id, value, attributes, tz, at, idempotency_key)"
            + " VALUES (?, 'env', '', 'u1', 'm1', ?, '{\"plan\":\"pro\"}', 'UTC', ?, ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(1, "e" + i);
        ps.setBigDecimal(2, BigDecimal.valueOf(i + 1));
        ps.setLong(3, T0.plusSeconds(i).toEpochMilli());
        ps.setString(4, i == 1 ? "key-1" : null);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO points_awards (id, env_id, tenant_id, user_id, system_id, trigger_id, awarded, total, at, tz, boosts)"
            + " VALUES (?, 'env', '', 'u1', 's1', 't1', 10, ?, ?, 'UTC', '[]')")) {
      for (int i = 0; i < 2; i++) {
        ps.setString(1, "a" + i);
        ps.setLong(2, 10L * (i + 1));
        ps.setLong(3, T0.plusSeconds(i).toEpochMilli());
        ps.executeUpdate();
      }
    }
  }

  @Override
  void checkUpgraded(Database db) throws Exception {
    UserRepository users = new UserRepository(db);
    List<StoredEvent> events = users.eventsSince(SCOPE, "u1", "m1", T0);
    assertThat(events).extracting(StoredEvent::id).containsExactly("e0", "e1", "e2");
    assertThat(events).extracting(e -> e.value().intValue()).containsExactly(1, 2, 3);
    assertThat(users.findByIdempotencyKey(SCOPE, "u1", "m1", "key-1").id()).isEqualTo("e1"); // IDEM-2
    assertThat(new AchievementRepository(db).sumOfMatchingEvents(SCOPE, "u1", "m1", List.of()))
        .isEqualByComparingTo("6"); // ACH-6

    AwardRepository awards = new AwardRepository(db);
    db.write(tx -> {
      awards.insertAwards(tx, SCOPE, List.of(new Award("a2", "u1", "s1", "t1", 10, 30, T0.plusSeconds(1), "UTC", List.of(), null)));
      users.insertEvent(tx, SCOPE, new StoredEvent("e3", "u1", "m1", BigDecimal.TEN, Map.of(), null, T0.plusSeconds(1), null));
      return null;
    });
    // PTS-10: newest first; the award added after the upgrade follows the copied ones in sequence.
    assertThat(awards.recentAwards(SCOPE, "u1", "s1", 10)).extracting(Award::id).containsExactly("a2", "a1", "a0");
    assertThat(users.eventsSince(SCOPE, "u1", "m1", T0.plusSeconds(1))).extracting(StoredEvent::id)
        .containsExactlyInAnyOrder("e1", "e3", "e2");
  }
}
