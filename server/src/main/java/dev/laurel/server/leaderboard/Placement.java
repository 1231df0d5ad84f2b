package dev.laurel.server.leaderboard;

import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.Run;

/**
 * What an event response reports for one leaderboard whose value for the user changed (LB-31):
 * the run, the user's group (null when the user is in none), ranks among participants after and
 * before the request (null when none, LB-32) and the reported threshold (LB-12).
 */
public record Placement(
    Leaderboard leaderboard, Run run, String group, Integer rank, Integer previousRank, long threshold) {}
