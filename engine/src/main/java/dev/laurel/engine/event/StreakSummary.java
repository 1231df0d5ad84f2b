package dev.laurel.engine.event;

import java.time.LocalDate;

/**
 * The streak as an event response reports it ({@code MetricEventStreakResponse}, STREAK-16).
 * Boxed fields are null when they do not apply (FREEZE-7) or have no value (EVENT-6).
 */
public record StreakSummary(
    int length,
    String frequency,
    LocalDate started,
    LocalDate periodStart,
    LocalDate periodEnd,
    LocalDate expires,
    Integer freezes,
    Integer maxFreezes,
    Integer freezeAutoEarnInterval,
    Integer freezeAutoEarnAmount,
    boolean extended) {

  /** EVENT-6: the object reported when streaks are off for the user. */
  public static StreakSummary disabled(String frequency) {
    return new StreakSummary(0, frequency, null, null, null, null, null, null, null, null, false);
  }
}
