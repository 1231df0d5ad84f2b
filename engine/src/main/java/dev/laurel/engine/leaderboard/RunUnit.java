package dev.laurel.engine.leaderboard;

import java.time.LocalDate;

/** LB-1, LB-2: the unit of a repeating leaderboard's interval. */
public enum RunUnit {
  DAY("day"),
  MONTH("month"),
  YEAR("year");

  private final String wire;

  RunUnit(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The value for a wire name, or null when there is none. */
  public static RunUnit fromWire(String value) {
    for (RunUnit u : values()) {
      if (u.wire.equals(value)) {
        return u;
      }
    }
    return null;
  }

  /** {@code date ⊕ amount} units; months and years clamp the day of month (LB-2). */
  LocalDate add(LocalDate date, long amount) {
    return switch (this) {
      case DAY -> date.plusDays(amount);
      case MONTH -> date.plusMonths(amount);
      case YEAR -> date.plusYears(amount);
    };
  }
}
