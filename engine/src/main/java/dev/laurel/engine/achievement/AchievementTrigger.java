package dev.laurel.engine.achievement;

/** How an achievement is completed (ACH-1, CON-7). */
public enum AchievementTrigger {
  /** Reach a (filtered) metric total (ACH-6). */
  METRIC("metric"),
  /** Reach a streak length through an extension (ACH-7). */
  STREAK("streak"),
  /** Completed by an explicit call (ACH-11). */
  API("api"),
  /** Composite: all prerequisites completed (ACH-8). */
  ACHIEVEMENT("achievement");

  private final String wire;

  AchievementTrigger(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The trigger with this wire name, or null. */
  public static AchievementTrigger fromWire(String value) {
    for (AchievementTrigger t : values()) {
      if (t.wire.equals(value)) {
        return t;
      }
    }
    return null;
  }
}
