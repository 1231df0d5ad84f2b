package dev.laurel.server.leaderboard;

import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankValue;
import java.time.LocalDate;
import java.util.List;

/**
 * The rankings port: one ranking per (leaderboard, run, group), each holding the candidates (value
 * &gt; 0) in LB-10's total order — value descending, instant the value was reached ascending, user
 * id ascending — so ranks are deterministic whatever the implementation (LB-19). Ranks here are
 * 1-based ordinals among all candidates (0 = not a candidate); callers apply {@code
 * maxParticipants}. Implementations: {@link InMemoryRankings} (one node) and {@link
 * dev.laurel.server.leaderboard.redis.RedisRankings} (several nodes sharing Redis sorted sets), each
 * operation atomic per board.
 */
public interface Rankings {

  /** One ranking: a leaderboard run (by its start date, LB-4) and a breakdown group (LB-13). */
  record Board(String leaderboardId, LocalDate run, String group) {}

  /** An update's ranks among all candidates before and after it, and the threshold after it. */
  record Moved(int previousRank, int rank, RankValue threshold) {}

  /**
   * Sets the user's value first reached at {@code reachedAtMillis} (a value ≤ 0 removes the user)
   * and reports, atomically, the user's rank before and after and the board's threshold for {@code
   * maxParticipants} after (LB-10, LB-12, LB-32).
   */
  Moved update(Board board, String userId, RankValue value, long reachedAtMillis, int maxParticipants);

  /** Removes the user from the board; returns the rank they had (0 if none). */
  int remove(Board board, String userId);

  /** The user's rank among the board's candidates, 0 if none. */
  int rank(Board board, String userId);

  /** The candidates at 0-based positions {@code offset … offset + limit - 1}, fewer at the end. */
  List<RankEntry> range(Board board, int offset, int limit);

  /** The number of candidates. */
  int size(Board board);

  /** LB-12 before truncation: the value of the last participant when the board is full, else 0. */
  RankValue threshold(Board board, int maxParticipants);

  /** The boards of a leaderboard that hold candidates. */
  List<Board> boards(String leaderboardId);

  /** Forgets a board (its run was finalised and archived, LB-7). */
  void drop(Board board);

  /** Forgets every board of a leaderboard (deleted, LB-39, or its runs moved). */
  void dropLeaderboard(String leaderboardId);

  /**
   * Whether every board was rebuilt from the store since the rankings last lost their data: false
   * for a fresh in-memory index, and for Redis after a flush, an eviction of the marker or a new
   * server (CON-14).
   */
  boolean built();

  /** Records that every board was rebuilt from the store. */
  void markBuilt();

  /** Replaces a board's candidates from the store (rebuild at start, CON-14). */
  Loader rebuild(Board board);

  /** Receives a board's stored entries in any order; {@link #finish()} publishes the board. */
  interface Loader {
    void add(String userId, RankValue value, long reachedAtMillis);

    void finish();
  }
}
