package dev.laurel.engine.streak;

/** How long one streak period lasts (STREAK-2, TIME-4). */
public enum Frequency {
  /** One local calendar date. */
  DAILY,
  /** Sunday to Saturday, local dates. */
  WEEKLY,
  /** One calendar month, local dates. */
  MONTHLY
}
