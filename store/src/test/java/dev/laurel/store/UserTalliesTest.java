package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.points.MetricProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 8, migration V10: the users row's per-user documents keep every value exact. */
class UserTalliesTest {
  @Test
  void totals_round_trip_exactly_with_any_metric_id() {
    Map<String, BigDecimal> totals =
        Map.of(
            "m1", new BigDecimal("12345678901.0000000001"),
            "quote\"and\\slash", new BigDecimal("-0.50"),
            "ünïcode", new BigDecimal("1E+3"));
    Map<String, BigDecimal> back = UserTallies.readTotals(UserTallies.writeTotals(totals));
    assertThat(back).containsOnlyKeys(totals.keySet());
    assertThat(back.get("m1")).isEqualTo(new BigDecimal("12345678901.0000000001"));
    assertThat(back.get("quote\"and\\slash")).isEqualTo(new BigDecimal("-0.50"));
    // Written as a plain decimal, as the SQLite TEXT column held totals before V10.
    assertThat(back.get("ünïcode")).isEqualTo(new BigDecimal("1000"));
    assertThat(UserTallies.readTotals(UserTallies.writeTotals(Map.of()))).isEmpty();
  }

  @Test
  void pts2_points_totals_round_trip_exactly() {
    Map<String, Long> totals = Map.of("s1", Long.MAX_VALUE, "s2", Long.MIN_VALUE, "s3", 0L);
    assertThat(UserTallies.readPoints(UserTallies.writePoints(totals))).isEqualTo(totals);
  }

  @Test
  void trig5_progress_round_trips_exactly() {
    Map<String, MetricProgress> progress =
        Map.of(
            "t1", new MetricProgress(Long.MAX_VALUE, 2, new BigDecimal("12345678901.0000000001"), new BigDecimal("0")),
            "t2", new MetricProgress(0, -1, new BigDecimal("-3.25"), new BigDecimal("4115226300")));
    assertThat(UserTallies.readProgress(UserTallies.writeProgress(progress))).isEqualTo(progress);
    assertThat(UserTallies.writeProgress(Map.of("t", new MetricProgress(1, 2, BigDecimal.TEN, BigDecimal.ONE))))
        .isEqualTo("{\"t\":[1,2,\"10\",\"1\"]}");
  }

  @Test
  void lb9_latest_entries_round_trip_exactly_in_leaderboard_order() {
    LeaderboardEntries entries =
        LeaderboardEntries.EMPTY
            .with("lb2", new LeaderboardEntry(LocalDate.parse("2025-01-08"), "3:pro", new BigDecimal("-0.50"), Instant.ofEpochMilli(1)))
            .with("lb1", new LeaderboardEntry(LocalDate.parse("2025-01-01"), null, new BigDecimal("12345678901.0000000001"), Instant.EPOCH));
    String json = UserTallies.writeEntries(entries);
    assertThat(json)
        .isEqualTo("{\"lb2\":[\"2025-01-08\",\"3:pro\",\"-0.50\",1],\"lb1\":[\"2025-01-01\",null,\"12345678901.0000000001\",0]}");
    assertThat(UserTallies.readEntries(json)).isEqualTo(entries);
    assertThat(UserTallies.readEntries(json).byLeaderboard().keySet()).containsExactly("lb2", "lb1");
    assertThat(UserTallies.readEntries(UserTallies.writeEntries(LeaderboardEntries.EMPTY))).isEqualTo(LeaderboardEntries.EMPTY);
  }

  @Test
  void a_document_of_another_shape_is_reported_not_misread() {
    assertThatThrownBy(() -> UserTallies.readEntries("{\"lb\":[\"2025-01-01\",5,\"1\",0]}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UserTallies.readTotals("{\"m1\":5}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UserTallies.readProgress("{\"t1\":[1,2,\"3\"]}")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> UserTallies.readTotals("[]")).isInstanceOf(IllegalStateException.class);
  }
}
