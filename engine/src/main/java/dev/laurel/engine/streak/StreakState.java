package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One user's streak state: plain immutable data that the storage layer serialises as it is.
 *
 * <p>Size is bounded: {@code periods} keep the last {@value #HISTORY_PERIODS} periods (history of
 * up to 365 periods, STREAK-17, and every restore window, RESTORE-2); {@code activity} keeps the
 * last {@value #ACTIVITY_DAYS} local dates that had counted events (a frequency switch recomputes
 * from them, STREAK-21, so a switched streak can reach back at most that far); {@code freezeLedger}
 * keeps {@value #ACTIVITY_DAYS} days of entries (every change is also reported as a {@link
 * StreakEffect}, for a permanent ledger); {@code pauses} are dropped {@value #ACTIVITY_DAYS} days
 * after their end.
 *
 * @param createdOn the user's local creation date (FREEZE-4 anchor)
 * @param zone the IANA zone in force at {@code settledAt}
 * @param settledAt the instant up to which boundaries and accruals have been processed
 * @param currentDate the latest local date the user's timeline has reached; it never moves back,
 *     even when a zone change moves the local date back (STREAK-14). The current period is the one
 *     containing it.
 * @param frequency the frequency {@code periods} and the current period were computed for; a
 *     different configured frequency triggers a recomputation (STREAK-21)
 * @param started {@code null} when {@code length} is 0
 * @param extendedAt the current run's latest extension; {@code null} when {@code length} is 0
 * @param periodExtended whether the current period has been extended (STREAK-6: at most once)
 * @param periods closed periods at whose end a streak was running, ascending by start
 * @param activity per-date metric sums, ascending by date
 * @param freezes the freeze balance (FREEZE-2)
 * @param autoEarnAnchor {@code null} until auto-earn is first seen for the user
 */
public record StreakState(
    LocalDate createdOn,
    String zone,
    Instant settledAt,
    LocalDate currentDate,
    Frequency frequency,
    int length,
    LocalDate started,
    Instant extendedAt,
    boolean periodExtended,
    List<PeriodRecord> periods,
    List<DailyActivity> activity,
    int freezes,
    List<FreezeLedgerEntry> freezeLedger,
    AutoEarnAnchor autoEarnAnchor,
    List<StreakPause> pauses) {

  /** How many periods of records are kept, counting back from the current one. */
  public static final int HISTORY_PERIODS = 366;

  /** How many local days of activity, ledger and ended pauses are kept. */
  public static final int ACTIVITY_DAYS = 400;

  public StreakState {
    periods = List.copyOf(periods);
    activity = List.copyOf(activity);
    freezeLedger = List.copyOf(freezeLedger);
    pauses = List.copyOf(pauses);
  }

  /** A user created at {@code createdAt}, local date {@code createdOn}: no streak, no freezes. */
  static StreakState initial(
      LocalDate createdOn, ZoneId zone, Instant createdAt, Frequency frequency) {
    return new StreakState(
        createdOn,
        zone.getId(),
        createdAt,
        createdOn,
        frequency,
        0,
        null,
        null,
        false,
        List.of(),
        List.of(),
        0,
        List.of(),
        null,
        List.of());
  }
}
