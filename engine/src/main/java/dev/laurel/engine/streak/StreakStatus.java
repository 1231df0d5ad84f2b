package dev.laurel.engine.streak;

/** The derived streak states of STREAK-24. */
public enum StreakStatus {
  /** Never started, lost, or disabled: length 0. */
  NONE,
  /** Running, and the current period is neither extended nor covered by a pause. */
  AT_RISK,
  /** Running, and the current period is extended. */
  EXTENDED,
  /** Running, and the current period is not extended but overlaps an active pause. */
  PROTECTED
}
