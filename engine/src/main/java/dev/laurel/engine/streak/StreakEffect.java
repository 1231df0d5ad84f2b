package dev.laurel.engine.streak;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fact produced by the engine that the caller turns into a webhook (STREAK-23, WH-11). Effects
 * are never produced for users whose streaks are disabled (STREAK-20, WH-13).
 */
public sealed interface StreakEffect {

  /** When the effect took place: an event instant, or the local midnight of a boundary. */
  Instant at();

  /** The streak went from 0 to 1 (STREAK-6): webhook {@code streak.started}. */
  record Started(LocalDate started, Instant at) implements StreakEffect {}

  /** An activity extended a running streak to {@code length} ≥ 2: {@code streak.extended}. */
  record Extended(int length, Instant at) implements StreakEffect {}

  /**
   * The streak was lost at the end of the missed period starting {@code periodStart} (STREAK-8):
   * {@code streak.lost} with {@code length} = the lost length.
   */
  record Lost(int length, LocalDate periodStart, Instant at) implements StreakEffect {}

  /**
   * Freezes covered missed periods (FREEZE-5): {@code streak.freeze_consumed}. Consecutive
   * consumptions in one settlement are merged; {@code periodStart} is the last covered period and
   * {@code freezes} the remaining balance.
   */
  record FreezeConsumed(int consumed, int freezes, LocalDate periodStart, Instant at)
      implements StreakEffect {}

  /**
   * The balance grew by {@code earned} to {@code freezes} (FREEZE-3, FREEZE-4, FREEZE-6): {@code
   * streak.freeze_earned}.
   */
  record FreezeEarned(int earned, int freezes, FreezeChange source, Instant at)
      implements StreakEffect {}
}
