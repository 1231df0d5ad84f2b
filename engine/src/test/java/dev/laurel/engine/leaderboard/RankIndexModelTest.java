package dev.laurel.engine.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LB-10 and LB-19 against {@link NaiveRanking} on long seeded runs of random operations: inserts,
 * moves up and down, ties on value and on instant, removals, re-inserts, clears and bulk reloads.
 * Small block capacities force splits, merges and rebalancing on every few operations.
 */
class RankIndexModelTest {
  // 2025-03-01T00:00:00Z
  private static final long T0 = 1_740_787_200_000L;

  private Random random;
  private List<String> pool;
  private RankIndex index;
  private NaiveRanking model;
  private int blockCapacity;

  @ParameterizedTest(name = "seed {0}, block capacity {1}, {2} ids, {3} operations")
  @CsvSource({
    "1, 4, 60, 6000",
    "2, 4, 400, 8000",
    "3, 8, 300, 8000",
    "4, 32, 1500, 15000",
    "5, 256, 3000, 20000",
    "6, 5, 40, 4000",
  })
  void agreesWithTheNaiveRanking(long seed, int capacity, int ids, int operations) {
    random = new Random(seed);
    blockCapacity = capacity;
    pool = userIds(ids);
    index = new RankIndex(capacity);
    model = new NaiveRanking();

    for (int op = 0; op < operations; op++) {
      String touched = step();
      assertThat(index.size()).isEqualTo(model.size());
      if (touched != null) {
        assertThat(index.rank(touched)).as("rank of %s after op %d", touched, op).isEqualTo(model.rank(touched));
      }
      if (op % 40 == 0) {
        checkEverything();
      }
    }
    checkEverything();
  }

  private String step() {
    String userId = pool.get(random.nextInt(pool.size()));
    int dice = random.nextInt(1000);
    if (dice < 2) {
      index.clear();
      model.clear();
      return null;
    }
    if (dice < 5) {
      reload();
      return null;
    }
    if (dice < 120) {
      assertThat(index.remove(userId)).isEqualTo(model.rank(userId) > 0);
      model.remove(userId);
    } else if (dice < 400) {
      moveNear(userId);
    } else {
      set(userId, value(), instant());
    }
    return userId;
  }

  private void moveNear(String userId) {
    RankValue current = index.entryOf(userId).map(RankEntry::value).orElse(RankValue.ZERO);
    long whole = current.whole() + random.nextInt(5) - 2;
    long fraction = random.nextBoolean() ? current.fraction() : fraction();
    set(userId, new RankValue(whole, fraction), instant());
  }

  private void set(String userId, RankValue value, long reachedAt) {
    index.set(userId, value, reachedAt);
    model.set(userId, value, reachedAt);
  }

  private void reload() {
    List<NaiveRanking.Entry> entries = new ArrayList<>(model.entries());
    Collections.shuffle(entries, random);
    RankIndexLoader loader = RankIndex.loader(random.nextInt(entries.size() + 2), blockCapacity);
    for (NaiveRanking.Entry entry : entries) {
      if (random.nextInt(10) == 0) {
        loader.add(entry.userId(), value(), instant());
      }
      if (random.nextInt(20) == 0) {
        loader.add(entry.userId(), RankValue.ZERO, instant());
        model.remove(entry.userId());
        continue;
      }
      loader.add(entry.userId(), entry.value(), entry.reachedAt());
    }
    index = loader.build();
  }

  private void checkEverything() {
    int size = model.size();
    for (String userId : pool) {
      int rank = model.rank(userId);
      assertThat(index.rank(userId)).as("rank of %s", userId).isEqualTo(rank);
      assertThat(index.entryOf(userId))
          .isEqualTo(rank == 0 ? java.util.Optional.empty() : java.util.Optional.of(model.range(rank - 1, 1).getFirst()));
    }
    assertThat(index.range(0, size + 1)).isEqualTo(model.range(0, size + 1));
    for (int i = 0; i < 5; i++) {
      int offset = random.nextInt(size + 3);
      int limit = random.nextInt(40);
      assertThat(index.range(offset, limit)).isEqualTo(model.range(offset, limit));
      String userId = pool.get(random.nextInt(pool.size()));
      int above = random.nextInt(10);
      int rank = model.rank(userId);
      List<RankEntry> expected = rank == 0 ? List.of() : model.range(Math.max(0, rank - 1 - above), limit);
      assertThat(index.around(userId, above, limit)).isEqualTo(expected);
      int max = random.nextInt(size + 3);
      RankValue threshold = max >= 1 && size >= max ? model.sorted().get(max - 1).value() : RankValue.ZERO;
      assertThat(index.threshold(max)).isEqualTo(threshold);
    }
  }

  private RankValue value() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return new RankValue(-random.nextInt(3), fraction());
    }
    if (kind == 1) {
      return new RankValue(random.nextLong(Long.MAX_VALUE), fraction());
    }
    return new RankValue(random.nextInt(20), fraction());
  }

  private long fraction() {
    long[] fractions = {0, 0, 0, 1, 5_000_000_000L, 9_999_999_999L};
    return fractions[random.nextInt(fractions.length)];
  }

  private long instant() {
    return T0 + random.nextInt(4) * 1000L;
  }

  private List<String> userIds(int count) {
    String[] stems = {"u", "user-", "é", "日本", "\uD83D\uDE00", "\uFF5E", "Z", ""};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String stem = stems[random.nextInt(stems.length)];
      String id = random.nextInt(50) == 0 ? stem + "x".repeat(200) + i : stem + i;
      ids.add(id);
    }
    return ids;
  }
}
