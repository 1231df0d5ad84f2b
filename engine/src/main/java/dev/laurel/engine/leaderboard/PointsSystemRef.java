package dev.laurel.engine.leaderboard;

/** What a leaderboard needs to know of a points system it ranks by (LB-1, LB-22). */
public record PointsSystemRef(String id, String key, String name) {}
