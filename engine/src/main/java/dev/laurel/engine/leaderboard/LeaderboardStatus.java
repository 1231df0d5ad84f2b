package dev.laurel.engine.leaderboard;

/** LB-5: a leaderboard's status. */
public enum LeaderboardStatus {
  INACTIVE("inactive"),
  SCHEDULED("scheduled"),
  ACTIVE("active"),
  FINISHED("finished");

  private final String wire;

  LeaderboardStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The value for a wire name, or null when there is none. */
  public static LeaderboardStatus fromWire(String value) {
    for (LeaderboardStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return null;
  }
}
