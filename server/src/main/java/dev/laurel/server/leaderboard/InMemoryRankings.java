package dev.laurel.server.leaderboard;

import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankIndex;
import dev.laurel.engine.leaderboard.RankIndexLoader;
import dev.laurel.engine.leaderboard.RankValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rankings of one node: a {@link RankIndex} per board, each guarded by its own monitor (an
 * index is not thread-safe; events of different users update one board from different lanes).
 * Boards appear on their first candidate; empty ones are kept until dropped.
 */
public final class InMemoryRankings implements Rankings {
  private final Map<Board, RankIndex> indexes = new ConcurrentHashMap<>();
  private final AtomicBoolean built = new AtomicBoolean();

  @Override
  public Moved update(Board board, String userId, RankValue value, long reachedAtMillis, int maxParticipants) {
    RankIndex index = value.isPositive() ? indexes.computeIfAbsent(board, b -> new RankIndex()) : indexes.get(board);
    if (index == null) {
      return new Moved(0, 0, RankValue.ZERO);
    }
    synchronized (index) {
      int before = index.rank(userId);
      index.set(userId, value, reachedAtMillis);
      return new Moved(before, index.rank(userId), index.threshold(maxParticipants));
    }
  }

  @Override
  public int remove(Board board, String userId) {
    RankIndex index = indexes.get(board);
    if (index == null) {
      return 0;
    }
    synchronized (index) {
      int before = index.rank(userId);
      index.remove(userId);
      return before;
    }
  }

  @Override
  public int rank(Board board, String userId) {
    RankIndex index = indexes.get(board);
    if (index == null) {
      return 0;
    }
    synchronized (index) {
      return index.rank(userId);
    }
  }

  @Override
  public List<RankEntry> range(Board board, int offset, int limit) {
    RankIndex index = indexes.get(board);
    if (index == null) {
      return List.of();
    }
    synchronized (index) {
      return index.range(offset, limit);
    }
  }

  @Override
  public int size(Board board) {
    RankIndex index = indexes.get(board);
    if (index == null) {
      return 0;
    }
    synchronized (index) {
      return index.size();
    }
  }

  @Override
  public RankValue threshold(Board board, int maxParticipants) {
    RankIndex index = indexes.get(board);
    if (index == null) {
      return RankValue.ZERO;
    }
    synchronized (index) {
      return index.threshold(maxParticipants);
    }
  }

  @Override
  public List<Board> boards(String leaderboardId) {
    return indexes.keySet().stream().filter(b -> b.leaderboardId().equals(leaderboardId)).toList();
  }

  @Override
  public void drop(Board board) {
    indexes.remove(board);
  }

  @Override
  public void dropLeaderboard(String leaderboardId) {
    indexes.keySet().removeIf(b -> b.leaderboardId().equals(leaderboardId));
  }

  @Override
  public boolean built() {
    return built.get();
  }

  @Override
  public void markBuilt() {
    built.set(true);
  }

  @Override
  public Loader rebuild(Board board) {
    RankIndexLoader loader = RankIndex.loader(1024);
    return new Loader() {
      @Override
      public void add(String userId, RankValue value, long reachedAtMillis) {
        loader.add(userId, value, reachedAtMillis);
      }

      @Override
      public void finish() {
        indexes.put(board, loader.build());
      }
    };
  }
}
