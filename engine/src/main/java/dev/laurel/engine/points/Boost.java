package dev.laurel.engine.points;

import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A time-boxed multiplier of a points system (BOOST-1). {@code end} null = open-ended; {@code
 * userId} non-null = user-specific (BOOST-2), otherwise global with optional filters.
 */
public record Boost(
    String id,
    String systemId,
    String name,
    LocalDate start,
    LocalDate end,
    BigDecimal multiplier,
    Rounding rounding,
    String userId,
    List<AttributeFilter> userAttributes,
    Instant created) {

  public Boost {
    userAttributes = List.copyOf(userAttributes);
  }

  /** BOOST-7: how the stacked amount becomes an integer. */
  public enum Rounding {
    DOWN("down", RoundingMode.FLOOR),
    UP("up", RoundingMode.CEILING),
    NEAREST("nearest", RoundingMode.HALF_UP);

    private final String wire;
    private final RoundingMode mode;

    Rounding(String wire, RoundingMode mode) {
      this.wire = wire;
      this.mode = mode;
    }

    public String wire() {
      return wire;
    }

    public RoundingMode mode() {
      return mode;
    }

    public static Rounding fromWire(String value) {
      for (Rounding r : values()) {
        if (r.wire.equals(value)) {
          return r;
        }
      }
      return null;
    }
  }

  /** BOOST-4: derived from the dates, never stored. */
  public enum Status {
    SCHEDULED("scheduled"),
    ACTIVE("active"),
    FINISHED("finished");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public boolean isGlobal() {
    return userId == null;
  }

  /** BOOST-4: status on {@code today}. */
  public Status status(LocalDate today) {
    if (today.isBefore(start)) {
      return Status.SCHEDULED;
    }
    return end != null && today.isAfter(end) ? Status.FINISHED : Status.ACTIVE;
  }

  /** BOOST-3: {@code date} lies within {@code [start, end]}. */
  public boolean covers(LocalDate date) {
    return status(date) == Status.ACTIVE;
  }

  /** BOOST-2: the user's own boost, or a global one whose filters the user matches. */
  public boolean targets(UserProfile user) {
    return userId != null
        ? userId.equals(user.id())
        : AttributeFilter.matchAll(userAttributes, user.attributes());
  }
}
