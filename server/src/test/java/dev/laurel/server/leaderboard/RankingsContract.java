package dev.laurel.server.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.server.leaderboard.Rankings.Moved;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Rankings} port's contract: every implementation (in memory; a sorted-set store for
 * several nodes) must pass it unchanged (LB-19).
 */
abstract class RankingsContract {
  static final Board DAY = new Board("lb-1", LocalDate.parse("2025-01-15"), "");
  static final Board PRO = new Board("lb-1", LocalDate.parse("2025-01-15"), "3:pro");
  static final Board OTHER = new Board("lb-2", LocalDate.parse("2025-01-15"), "");
  // 2025-01-15 10:00:00 UTC
  static final long T0 = 1_736_935_200_000L;

  Rankings rankings;

  abstract Rankings create();

  @BeforeEach
  void setUp() {
    rankings = create();
  }

  private static RankValue v(String value) {
    return RankValue.of(new BigDecimal(value));
  }

  private List<String> order(Board board) {
    return rankings.range(board, 0, 100).stream().map(e -> e.userId() + "@" + e.rank()).toList();
  }

  @Test
  void lb10_order_is_value_desc_then_reached_at_then_user_id() {
    rankings.update(DAY, "b", v("5"), T0, 10);
    rankings.update(DAY, "a", v("5"), T0, 10);
    rankings.update(DAY, "c", v("5"), T0 - 1, 10);
    rankings.update(DAY, "d", v("5.0000000001"), T0 + 5, 10);
    assertThat(order(DAY)).containsExactly("d@1", "c@2", "a@3", "b@4");
    assertThat(rankings.range(DAY, 1, 2)).extracting(RankEntry::userId).containsExactly("c", "a");
    assertThat(rankings.size(DAY)).isEqualTo(4);
  }

  @Test
  void lb32_update_reports_ranks_before_and_after_and_the_threshold_atomically() {
    assertThat(rankings.update(DAY, "a", v("10"), T0, 2)).isEqualTo(new Moved(0, 1, RankValue.ZERO));
    assertThat(rankings.update(DAY, "b", v("7"), T0, 2)).isEqualTo(new Moved(0, 2, v("7")));
    assertThat(rankings.update(DAY, "b", v("11"), T0 + 1, 2)).isEqualTo(new Moved(2, 1, v("10")));
    assertThat(rankings.threshold(DAY, 3)).isEqualTo(RankValue.ZERO);
  }

  @Test
  void lb10_values_of_zero_or_less_are_no_candidates() {
    rankings.update(DAY, "a", v("3"), T0, 10);
    assertThat(rankings.update(DAY, "a", v("-1"), T0, 10)).isEqualTo(new Moved(1, 0, RankValue.ZERO));
    assertThat(rankings.rank(DAY, "a")).isZero();
    assertThat(rankings.update(OTHER, "z", RankValue.ZERO, T0, 10).rank()).isZero();
    assertThat(rankings.boards("lb-2")).isEmpty();
  }

  @Test
  void boards_are_separate_and_can_be_removed_from_dropped_and_rebuilt() {
    rankings.update(DAY, "a", v("3"), T0, 10);
    rankings.update(PRO, "a", v("4"), T0, 10);
    rankings.update(OTHER, "a", v("5"), T0, 10);
    assertThat(rankings.boards("lb-1")).containsExactlyInAnyOrder(DAY, PRO);
    assertThat(rankings.remove(PRO, "a")).isEqualTo(1);
    assertThat(rankings.remove(PRO, "a")).isZero();
    rankings.drop(DAY);
    assertThat(rankings.rank(DAY, "a")).isZero();
    rankings.dropLeaderboard("lb-2");
    assertThat(rankings.boards("lb-2")).isEmpty();
    Rankings.Loader loader = rankings.rebuild(DAY);
    loader.add("x", v("1"), T0);
    loader.add("y", v("2"), T0);
    loader.add("z", v("0"), T0);
    loader.finish();
    assertThat(order(DAY)).containsExactly("y@1", "x@2");
    assertThat(rankings.rank(DAY, "x")).isEqualTo(2);
    assertThat(rankings.update(DAY, "x", v("3"), T0 + 1, 10)).isEqualTo(new Moved(2, 1, RankValue.ZERO));
  }

  @Test
  void con14_a_rebuild_replaces_the_board_and_big_boards_load_in_batches() {
    rankings.update(DAY, "stale", v("100"), T0, 10);
    Rankings.Loader loader = rankings.rebuild(DAY);
    for (int i = 0; i < 2_500; i++) {
      loader.add("u" + i, RankValue.of(1 + i % 50), T0 + i);
    }
    loader.finish();
    assertThat(rankings.size(DAY)).isEqualTo(2_500);
    assertThat(rankings.rank(DAY, "stale")).isZero();
    assertThat(rankings.range(DAY, 0, 2)).extracting(RankEntry::userId).containsExactly("u49", "u99");
    assertThat(rankings.threshold(DAY, 2_500)).isEqualTo(RankValue.of(1));
    assertThat(rankings.threshold(DAY, 2_501)).isEqualTo(RankValue.ZERO);
    assertThat(rankings.range(DAY, 2_499, 5)).extracting(RankEntry::rank).containsExactly(2_500);
  }

  @Test
  void con14_rankings_say_whether_they_were_rebuilt_since_they_lost_their_data() {
    assertThat(rankings.built()).isFalse();
    rankings.markBuilt();
    assertThat(rankings.built()).isTrue();
  }

  @Test
  void lb10_user_ids_order_by_their_utf8_bytes() {
    rankings.update(DAY, "\uFF5Aw", v("1"), T0, 10);
    rankings.update(DAY, "\uD83D\uDE00s", v("1"), T0, 10);
    rankings.update(DAY, "\u00E9e", v("1"), T0, 10);
    rankings.update(DAY, "z", v("1"), T0, 10);
    assertThat(order(DAY)).containsExactly("z@1", "\u00E9e@2", "\uFF5Aw@3", "\uD83D\uDE00s@4");
  }
}
