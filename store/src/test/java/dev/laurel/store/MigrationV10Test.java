package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/**
 * Issue 8, migration V10 (metric and points totals, metric-trigger progress and the streak document
 * moved into the users row): a user's state stored under V9 loads the same after the upgrade, on
 * both backends, and the sweep, the rankings and the points summary still find what they query.
 */
class MigrationV10Test extends UpgradeContract {
  private static final StreakState STREAK = StreakFixtures.busyState();
  private static final Map<String, BigDecimal> TOTALS =
      Map.of("m1", new BigDecimal("12345678901.0000000001"), "m2", new BigDecimal("-0.50"));
  private static final Map<String, Long> POINTS = Map.of("s1", Long.MAX_VALUE - 1, "s2", -5L);
  private static final Map<String, MetricProgress> PROGRESS =
      Map.of(
          "t1", new MetricProgress(1, 2, new BigDecimal("12345678901.0000000001"), new BigDecimal("4115226300")),
          "t2", new MetricProgress(3, 0, new BigDecimal("0.5"), new BigDecimal("0")));

  @Override
  String fromVersion() {
    return "9";
  }

  @Override
  void writeRows(Connection c) throws Exception {
    insertUsers(c, "Ada", "u1", "u2");
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO metric_totals (env_id, tenant_id, user_id, metric_id, total) VALUES ('env', '', 'u1', ?, ?)")) {
      for (Map.Entry<String, BigDecimal> e : TOTALS.entrySet()) {
        ps.setString(1, e.getKey());
        setDecimal(ps, 2, e.getValue());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO points_totals (env_id, tenant_id, user_id, system_id, total) VALUES ('env', '', 'u1', ?, ?)")) {
      for (Map.Entry<String, Long> e : POINTS.entrySet()) {
        ps.setString(1, e.getKey());
        ps.setLong(2, e.getValue());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO points_metric_progress (env_id, tenant_id, user_id, trigger_id, epoch, revision, accumulated,"
            + " paid) VALUES ('env', '', 'u1', ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, MetricProgress> e : PROGRESS.entrySet()) {
        ps.setString(1, e.getKey());
        ps.setLong(2, e.getValue().epoch());
        ps.setLong(3, e.getValue().revision());
        setDecimal(ps, 4, e.getValue().accumulated());
        setDecimal(ps, 5, e.getValue().paid());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO streak_states (env_id, tenant_id, user_id, state, length, longest, next_settlement)"
            + " VALUES ('env', '', 'u1', ?, ?, 9, ?)")) {
      ps.setString(1, StreakJson.write(STREAK));
      ps.setInt(2, STREAK.length());
      ps.setLong(3, T0.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** As each backend stored a decimal before V10 ({@link Dialect#setDecimal}). */
  private static void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws Exception {
    boolean sqlite = ps.getConnection().getMetaData().getURL().startsWith("jdbc:sqlite");
    (sqlite ? Dialect.SQLITE : Dialect.POSTGRESQL).setDecimal(ps, index, value);
  }

  @Override
  void checkUpgraded(Database db) throws Exception {
    UserRepository users = new UserRepository(db);
    StreakRepository streaks = new StreakRepository(db);
    UserState u1 = users.load(SCOPE, "u1");
    assertThat(u1.totals()).isEqualTo(TOTALS);
    assertThat(u1.points().totals()).isEqualTo(POINTS);
    assertThat(u1.points().metricProgress()).isEqualTo(PROGRESS);
    assertThat(u1.streak()).isEqualTo(STREAK);
    UserState u2 = users.load(SCOPE, "u2");
    assertThat(u2.totals()).isEmpty();
    assertThat(u2.points().totals()).isEmpty();
    assertThat(u2.points().metricProgress()).isEmpty();
    assertThat(u2.streak()).isNull();
    // STREAK-9 and SDK-9 still read the columns left in streak_states.
    assertThat(streaks.due(T0, 10)).containsExactly(new StreakRepository.DueUser(SCOPE, "u1"));
    assertThat(streaks.ranked(SCOPE, StreakRepository.RankBy.LONGEST, 0, 10))
        .containsExactly(new StreakRepository.Ranked("u1", "Ada", STREAK.length(), 9));
    // PTS-12: every user of the scope with their total in the system, 0 without one.
    assertThat(new PointsRepository(db).totals(SCOPE, "s1"))
        .extracting(PointsRepository.UserTotal::userId, PointsRepository.UserTotal::total)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("u1", Long.MAX_VALUE - 1), org.assertj.core.groups.Tuple.tuple("u2", 0L));

    db.write(tx -> {
      users.saveTotals(tx, SCOPE, "u2", Map.of("m1", BigDecimal.ONE));
      return null;
    });
    assertThat(users.load(SCOPE, "u2").totals()).isEqualTo(Map.of("m1", BigDecimal.ONE));
    assertThat(users.load(SCOPE, "u1").totals()).isEqualTo(TOTALS);
  }
}
