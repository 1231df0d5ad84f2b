/**
 * Leaderboards: exact values ({@link dev.laurel.engine.leaderboard.RankValue}) and the in-memory
 * rank index of one run and group ({@link dev.laurel.engine.leaderboard.RankIndex}), ordered as
 * LB-10 says.
 */
package dev.laurel.engine.leaderboard;
