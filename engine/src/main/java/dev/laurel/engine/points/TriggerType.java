package dev.laurel.engine.points;

/** TRIG-1: the kinds of trigger, in their wire spelling (GEN-3). */
public enum TriggerType {
  METRIC("metric"),
  ACHIEVEMENT("achievement"),
  STREAK("streak"),
  TIME("time"),
  USER_CREATION("user_creation");

  private final String wire;

  TriggerType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static TriggerType fromWire(String value) {
    for (TriggerType t : values()) {
      if (t.wire.equals(value)) {
        return t;
      }
    }
    return null;
  }
}
