package dev.laurel.engine.leaderboard;

import dev.laurel.engine.CodePoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The obvious model of a {@link RankIndex}: a map of entries, sorted on demand. */
final class NaiveRanking {
  record Entry(String userId, RankValue value, long reachedAt) {}

  static final Comparator<Entry> LB10 =
      Comparator.comparing(Entry::value, Comparator.reverseOrder())
          .thenComparingLong(Entry::reachedAt)
          .thenComparing(Entry::userId, CodePoints::compare);

  private final Map<String, Entry> entries = new HashMap<>();
  private List<Entry> sorted;
  private Map<String, Integer> ranks;

  void set(String userId, RankValue value, long reachedAt) {
    if (value.isPositive()) {
      entries.put(userId, new Entry(userId, value, reachedAt));
    } else {
      entries.remove(userId);
    }
    sorted = null;
  }

  void remove(String userId) {
    entries.remove(userId);
    sorted = null;
  }

  void clear() {
    entries.clear();
    sorted = null;
  }

  int size() {
    return entries.size();
  }

  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  List<Entry> sorted() {
    if (sorted == null) {
      sorted = new ArrayList<>(entries.values());
      sorted.sort(LB10);
      ranks = new HashMap<>();
      for (int i = 0; i < sorted.size(); i++) {
        ranks.put(sorted.get(i).userId(), i + 1);
      }
    }
    return sorted;
  }

  int rank(String userId) {
    if (sorted == null) {
      Entry entry = entries.get(userId);
      return entry == null ? 0 : 1 + (int) entries.values().stream().filter(e -> LB10.compare(e, entry) < 0).count();
    }
    return ranks.getOrDefault(userId, 0);
  }

  List<RankEntry> range(int offset, int limit) {
    List<Entry> all = sorted();
    List<RankEntry> page = new ArrayList<>();
    for (int position = offset; position < all.size() && position - offset < limit; position++) {
      Entry entry = all.get(position);
      page.add(new RankEntry(entry.userId(), entry.value(), entry.reachedAt(), position + 1));
    }
    return page;
  }
}
