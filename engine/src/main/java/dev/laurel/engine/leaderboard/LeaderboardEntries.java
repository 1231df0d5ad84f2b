package dev.laurel.engine.leaderboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leaderboard part of a user's state: per leaderboard id, the user's entry in the latest run
 * they contributed to. Earlier runs live in the store only; a contribution to a newer run starts
 * from zero (LB-2: a new run starts empty).
 */
public record LeaderboardEntries(Map<String, LeaderboardEntry> byLeaderboard) {
  public static final LeaderboardEntries EMPTY = new LeaderboardEntries(Map.of());

  public LeaderboardEntries {
    byLeaderboard = Collections.unmodifiableMap(new LinkedHashMap<>(byLeaderboard));
  }

  /** The user's entry in the latest run of a leaderboard, or null. */
  public LeaderboardEntry get(String leaderboardId) {
    return byLeaderboard.get(leaderboardId);
  }

  public LeaderboardEntries with(String leaderboardId, LeaderboardEntry entry) {
    Map<String, LeaderboardEntry> next = new LinkedHashMap<>(byLeaderboard);
    next.put(leaderboardId, entry);
    return new LeaderboardEntries(next);
  }
}
