package dev.laurel.engine.metric;

/** A metric definition (METRIC-1). {@code units} is {@code ""} when absent (METRIC-2). */
public record Metric(String id, String key, String name, UnitType unitType, String units) {

  /** METRIC-1: how a metric's values are meant. */
  public enum UnitType {
    NUMBER("number"),
    CURRENCY("currency");

    private final String wire;

    UnitType(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static UnitType fromWire(String value) {
      for (UnitType t : values()) {
        if (t.wire.equals(value)) {
          return t;
        }
      }
      return null;
    }
  }
}
