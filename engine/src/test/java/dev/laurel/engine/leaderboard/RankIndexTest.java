package dev.laurel.engine.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankIndexTest {
  // 2025-03-01T00:00:00Z and one minute later
  private static final long T0 = 1_740_787_200_000L;
  private static final long T1 = T0 + 60_000;

  private final RankIndex index = new RankIndex();

  private static List<String> ids(List<RankEntry> entries) {
    return entries.stream().map(RankEntry::userId).toList();
  }

  /**
   * LB-10 inside one block whose entries updates left out of order: ranks are counted, a read in
   * order sorts the block, and ranks, moves and removals stay right on both sides of that sort.
   */
  @Test
  void lb10RanksStayExactWhetherABlockIsInOrderOrNot() {
    RankIndex small = new RankIndex(8);
    for (int i = 1; i <= 6; i++) {
      small.set("u" + i, 10L * i, 0, T0);
    }
    small.set("u1", 55, 0, T1);
    small.remove("u6");
    small.set("u3", 35, 0, T1);
    List<String> expected = List.of("u1", "u5", "u4", "u3", "u2");
    for (int i = 0; i < expected.size(); i++) {
      assertThat(small.rank(expected.get(i))).as("rank of %s before the sort", expected.get(i)).isEqualTo(i + 1);
    }

    assertThat(ids(small.range(0, 10))).containsExactlyElementsOf(expected);

    for (int i = 0; i < expected.size(); i++) {
      assertThat(small.rank(expected.get(i))).as("rank of %s after the sort", expected.get(i)).isEqualTo(i + 1);
    }
    small.set("u2", 45, 0, T1);
    small.remove("u1");
    assertThat(ids(small.range(0, 10))).containsExactly("u5", "u2", "u4", "u3");
    assertThat(small.rank("u2")).isEqualTo(2);
  }

  @Test
  void lb10OrdersByValueDescending() {
    index.set("low", 5, 0, T0);
    index.set("high", 50, 0, T1);
    index.set("mid", 10, 0, T0);

    assertThat(ids(index.range(0, 10))).containsExactly("high", "mid", "low");
    assertThat(index.rank("high")).isEqualTo(1);
    assertThat(index.rank("low")).isEqualTo(3);
  }

  @Test
  void lb10EqualValuesRankWhoReachedItFirstHigher() {
    index.set("late", 10, 0, T1);
    index.set("early", 10, 0, T0);

    assertThat(ids(index.range(0, 10))).containsExactly("early", "late");
  }

  @Test
  void lb10EqualValueAndInstantFallBackToUserIdAscending() {
    index.set("bob", 10, 0, T0);
    index.set("alice", 10, 0, T0);
    index.set("Zed", 10, 0, T0);
    index.set("alice2", 10, 0, T0);

    assertThat(ids(index.range(0, 10))).containsExactly("Zed", "alice", "alice2", "bob");
  }

  @Test
  void lb10UserIdTieBreakIsCodePointOrder() {
    String supplementary = "\uD83D\uDE00";
    String highBmp = "\uFF5E";
    index.set(supplementary, 1, 0, T0);
    index.set(highBmp, 1, 0, T0);
    index.set("é", 1, 0, T0);

    assertThat(ids(index.range(0, 10))).containsExactly("é", highBmp, supplementary);
  }

  @Test
  void lb10RanksAreOrdinalEvenForFullTies() {
    for (String id : List.of("a", "b", "c")) {
      index.set(id, 7, 0, T0);
    }

    assertThat(index.range(0, 3)).extracting(RankEntry::rank).containsExactly(1, 2, 3);
  }

  @Test
  void lb10FractionsRankExactly() {
    index.set("one", RankValue.of(1), T0);
    index.set("oneAndABit", RankValue.of(new BigDecimal("1.0000000001")), T1);
    index.set("half", RankValue.of(new BigDecimal("0.5")), T0);

    assertThat(ids(index.range(0, 10))).containsExactly("oneAndABit", "one", "half");
  }

  @Test
  void lb10ValueAtOrBelowZeroRemovesTheUser() {
    index.set("a", 3, 0, T0);
    index.set("b", 2, 0, T0);
    index.set("c", 1, 0, T0);

    index.set("a", 0, 0, T1);
    index.set("b", RankValue.of(new BigDecimal("-0.5")), T1);
    index.set("never", 0, 0, T1);

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.rank("a")).isZero();
    assertThat(index.rank("never")).isZero();
    assertThat(index.rank("c")).isEqualTo(1);
  }

  @Test
  void setReplacesTheUsersPreviousEntry() {
    index.set("a", 10, 0, T0);
    index.set("b", 5, 0, T0);

    index.set("b", 20, 0, T1);

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.entryOf("b")).contains(new RankEntry("b", RankValue.of(20), T1, 1));
    assertThat(index.rank("a")).isEqualTo(2);
  }

  @Test
  void removeReportsWhetherTheUserWasACandidate() {
    index.set("a", 1, 0, T0);

    assertThat(index.remove("a")).isTrue();
    assertThat(index.remove("a")).isFalse();
    assertThat(index.entryOf("a")).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  void rangePagesWithOffsetAndLimit() {
    for (int i = 1; i <= 5; i++) {
      index.set("u" + i, i, 0, T0);
    }

    assertThat(ids(index.range(1, 2))).containsExactly("u4", "u3");
    assertThat(index.range(3, 10)).extracting(RankEntry::rank).containsExactly(4, 5);
    assertThat(index.range(5, 10)).isEmpty();
    assertThat(index.range(0, 0)).isEmpty();
    assertThat(index.range(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEmpty();
    assertThatThrownBy(() -> index.range(-1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lb29AroundStartsAboveTheUserAndNeverBeforeTheTop() {
    for (int i = 1; i <= 6; i++) {
      index.set("u" + i, 10 - i, 0, T0);
    }

    assertThat(ids(index.around("u4", 1, 3))).containsExactly("u3", "u4", "u5");
    assertThat(ids(index.around("u2", 5, 3))).containsExactly("u1", "u2", "u3");
    assertThat(ids(index.around("u6", 0, 3))).containsExactly("u6");
    assertThat(index.around("nobody", 1, 3)).isEmpty();
  }

  @Test
  void lb12ThresholdIsTheLastParticipantsValueOnlyWhenTheBoardIsFull() {
    index.set("a", RankValue.of(new BigDecimal("30.7")), T0);
    index.set("b", RankValue.of(new BigDecimal("20.9")), T0);
    index.set("c", RankValue.of(new BigDecimal("10.5")), T0);

    assertThat(index.threshold(4)).isEqualTo(RankValue.ZERO);
    assertThat(index.threshold(3)).isEqualTo(RankValue.of(new BigDecimal("10.5")));
    assertThat(index.threshold(2).reported()).isEqualTo(20);
    assertThat(index.threshold(0)).isEqualTo(RankValue.ZERO);
  }

  @Test
  void lb10TieWithTheLastParticipantDoesNotEnterAFullBoard() {
    int maxParticipants = 2;
    index.set("a", 9, 0, T0);
    index.set("b", 5, 0, T0);

    index.set("newcomer", 5, 0, T1);

    assertThat(index.rank("newcomer")).isGreaterThan(maxParticipants);
    assertThat(index.rank("b")).isEqualTo(2);
  }

  @Test
  void valueAtRankIsEmptyOutsideTheCandidates() {
    index.set("a", 4, 0, T0);

    assertThat(index.valueAtRank(1)).contains(RankValue.of(4));
    assertThat(index.valueAtRank(0)).isEmpty();
    assertThat(index.valueAtRank(2)).isEmpty();
  }

  @Test
  void clearEmptiesTheIndexAndItStaysUsable() {
    index.set("a", 1, 0, T0);
    index.clear();

    assertThat(index.size()).isZero();
    assertThat(index.rank("a")).isZero();
    index.set("a", 2, 0, T0);
    assertThat(index.rank("a")).isEqualTo(1);
  }

  @Test
  void longAndNonAsciiIdsRoundTrip() {
    String longId = "ü".repeat(255);
    index.set(longId, 1, 0, T0);
    index.set("日本", 2, 0, T0);

    assertThat(ids(index.range(0, 2))).containsExactly("日本", longId);
  }

  @Test
  void aLoneSurrogateIsNotAUserId() {
    assertThatThrownBy(() -> index.set("a\uD800", 1, 0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate");
    assertThat(index.size()).isZero();
  }

  @Test
  void fractionMustBeInUnitsOfTenToTheMinusTen() {
    assertThatThrownBy(() -> index.set("a", 1, RankValue.FRACTION_UNITS, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loaderSortsOnceKeepsTheLastEntryPerUserAndDropsNonCandidates() {
    RankIndex loaded = RankIndex.loader(4)
        .add("c", 1, 0, T0)
        .add("a", 5, 0, T0)
        .add("b", 5, 0, T1)
        .add("a", 2, 0, T1)
        .add("gone", 3, 0, T0)
        .add("gone", 0, 0, T1)
        .add("zero", 0, 0, T0)
        .build();

    assertThat(ids(loaded.range(0, 10))).containsExactly("b", "a", "c");
    loaded.set("d", 3, 0, T0);
    assertThat(loaded.rank("d")).isEqualTo(2);
  }

  @Test
  void aLoaderBuildsOnce() {
    RankIndexLoader loader = RankIndex.loader(0);
    loader.build();

    assertThatThrownBy(loader::build).isInstanceOf(IllegalStateException.class);
  }
}
