package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A closed period at whose end a streak was running. Periods without a record ended with length 0
 * (lost, not running, disabled, or before the user existed).
 *
 * @param periodStart first local date of the period (its end follows from the frequency)
 * @param length the streak length at the end of the period (STREAK-17), always &gt; 0
 * @param started the start date of the run this period belongs to (STREAK-11, RESTORE-4)
 * @param extendedAt the run's most recent extension as of the period's end
 */
public record PeriodRecord(
    LocalDate periodStart,
    int length,
    PeriodOutcome outcome,
    LocalDate started,
    Instant extendedAt) {}
