package dev.laurel.engine.streak;

/** Why a closed period kept a running streak alive (STREAK-8, STREAK-14, RESTORE-4). */
public enum PeriodOutcome {
  /** The condition was met in the period (STREAK-6). */
  EXTENDED,
  /** Missed, covered by an active pause (PAUSE-3). */
  PAUSED,
  /** Missed, covered by a freeze (FREEZE-5). */
  FROZEN,
  /** Never entered because of a time-zone change (STREAK-14). */
  SKIPPED,
  /** Covered by an admin restore (RESTORE-4). */
  RESTORED
}
