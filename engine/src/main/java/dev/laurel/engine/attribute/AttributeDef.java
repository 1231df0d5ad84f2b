package dev.laurel.engine.attribute;

/** A custom attribute definition (ATTR-1). */
public record AttributeDef(String id, String key, String name, AttributeType type) {

  /** Whether an attribute is set on users or on events (CON-4). */
  public enum AttributeType {
    USER("user"),
    EVENT("event");

    private final String wire;

    AttributeType(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static AttributeType fromWire(String value) {
      for (AttributeType t : values()) {
        if (t.wire.equals(value)) {
          return t;
        }
      }
      return null;
    }
  }
}
