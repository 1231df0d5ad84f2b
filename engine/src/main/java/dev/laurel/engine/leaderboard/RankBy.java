package dev.laurel.engine.leaderboard;

/** LB-1: what a leaderboard ranks users by. */
public enum RankBy {
  METRIC("metric"),
  POINTS("points"),
  STREAK("streak");

  private final String wire;

  RankBy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The value for a wire name, or null when there is none. */
  public static RankBy fromWire(String value) {
    for (RankBy r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    return null;
  }
}
