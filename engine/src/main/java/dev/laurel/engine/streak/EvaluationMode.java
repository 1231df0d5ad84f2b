package dev.laurel.engine.streak;

/** How several metric thresholds combine into one period condition (STREAK-4). */
public enum EvaluationMode {
  /** Every metric must meet its threshold (the dashboard's "ALL"). */
  AND,
  /** At least one metric must meet its threshold. */
  OR
}
