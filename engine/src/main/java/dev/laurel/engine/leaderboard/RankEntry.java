package dev.laurel.engine.leaderboard;

/**
 * One candidate of a {@link RankIndex}: its exact value, the instant it first reached that value
 * and its 1-based ordinal rank among all candidates (before any {@code maxParticipants} cut).
 */
public record RankEntry(String userId, RankValue value, long reachedAtMillis, int rank) {}
