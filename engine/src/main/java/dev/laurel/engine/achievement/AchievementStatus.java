package dev.laurel.engine.achievement;

/** ACH-2, ACH-3: whether an achievement can be completed and who sees it. */
public enum AchievementStatus {
  /** Never completed and invisible to the application API. */
  INACTIVE("inactive"),
  /** Completable and visible everywhere. */
  ACTIVE("active"),
  /** No new completions; visible only to users who completed it. */
  LOCKED("locked");

  private final String wire;

  AchievementStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The status with this wire name, or null. */
  public static AchievementStatus fromWire(String value) {
    for (AchievementStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return null;
  }

  /** ACH-2: inactive → active, active → locked, locked → active; staying put is always allowed. */
  public boolean canBecome(AchievementStatus next) {
    return next == this
        || (this == INACTIVE && next == ACTIVE)
        || (this == ACTIVE && next == LOCKED)
        || (this == LOCKED && next == ACTIVE);
  }
}
