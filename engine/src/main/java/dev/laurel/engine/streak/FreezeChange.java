package dev.laurel.engine.streak;

/** The kinds of freeze-balance change recorded in the ledger (FREEZE-2). */
public enum FreezeChange {
  /** Granted at user creation (FREEZE-3). */
  INITIAL,
  /** Earned automatically at a local midnight (FREEZE-4). */
  ACCRUAL,
  /** Granted by an admin (FREEZE-6). */
  GRANT,
  /** Spent to cover a missed period (FREEZE-5). */
  CONSUMPTION
}
