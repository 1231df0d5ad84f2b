package dev.laurel.engine.points;

/** TRIG-2: only active triggers fire; a deleted trigger is archived. */
public enum TriggerStatus {
  ACTIVE("active"),
  INACTIVE("inactive"),
  ARCHIVED("archived");

  private final String wire;

  TriggerStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static TriggerStatus fromWire(String value) {
    for (TriggerStatus s : values()) {
      if (s.wire.equals(value)) {
        return s;
      }
    }
    return null;
  }
}
