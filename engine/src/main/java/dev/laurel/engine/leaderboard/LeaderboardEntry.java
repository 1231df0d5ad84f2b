package dev.laurel.engine.leaderboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A user's value in one run of one leaderboard (LB-9): the exact value, the instant it was first
 * reached (LB-10's tie-break) and the user's group in that run ({@link Groups}; null when the user
 * lacks a breakdown value, LB-13).
 */
public record LeaderboardEntry(LocalDate run, String group, BigDecimal value, Instant reachedAt) {

  /** The value as the rank index holds it. */
  public RankValue rankValue() {
    return RankValue.of(value);
  }

  public LeaderboardEntry withGroup(String newGroup) {
    return new LeaderboardEntry(run, newGroup, value, reachedAt);
  }
}
