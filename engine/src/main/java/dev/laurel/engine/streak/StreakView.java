package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the streak responses need (StreakResponse, BaseStreakResponse,
 * MetricEventStreakResponse, BulkStreakResponse, STREAK-12..17, FREEZE-7, PAUSE-7), as plain
 * values. Nullable fields follow GEN-4: {@code started}, {@code periodStart}, {@code periodEnd},
 * {@code expires} and {@code extended} are emitted as {@code null}; the four freeze fields are
 * omitted when {@code null}.
 *
 * <p>When streaks are off for the user (EVENT-6, STREAK-20) length is 0 and the period fields, the
 * freeze fields and {@code extended} are {@code null}; history and pauses are still filled in.
 *
 * @param extended the latest extension of the current streak ({@code StreakResponse.extended}); the
 *     event response's boolean comes from {@link StreakOutcome#extended()}
 */
public record StreakView(
    int length,
    Frequency frequency,
    LocalDate started,
    LocalDate periodStart,
    LocalDate periodEnd,
    LocalDate expires,
    Instant extended,
    Integer freezes,
    Integer maxFreezes,
    Integer freezeAutoEarnInterval,
    Integer freezeAutoEarnAmount,
    StreakStatus status,
    List<HistoryEntry> streakHistory,
    List<PauseEntry> pauses) {

  public StreakView {
    streakHistory = List.copyOf(streakHistory);
    pauses = List.copyOf(pauses);
  }

  /**
   * One period of {@code streakHistory} (STREAK-17).
   *
   * @param length the length at the end of the period; for the current period, as of now
   * @param usedFreeze {@code null} (omitted) when freezes are disabled (FREEZE-8)
   * @param usedPause for the current period: it is not extended and an active pause overlaps it
   *     (the pause will cover it at its end, STREAK-24 "protected")
   */
  public record HistoryEntry(
      LocalDate periodStart,
      LocalDate periodEnd,
      int length,
      Boolean usedFreeze,
      boolean usedPause) {}

  /** A current or upcoming active pause (PAUSE-7). */
  public record PauseEntry(String id, LocalDate start, LocalDate end) {}
}
