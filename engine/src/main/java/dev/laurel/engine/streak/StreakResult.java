package dev.laurel.engine.streak;

/** The answer to an admin command on one user: applied, or refused with an issue message. */
public sealed interface StreakResult {

  /** The command took effect; persist {@code outcome.state()}. */
  record Applied(StreakOutcome outcome) implements StreakResult {}

  /** Nothing changed; report an issue with this severity and message. */
  record Refused(Severity severity, String message) implements StreakResult {}

  /** Issue severities of the admin bulk endpoints (FREEZE-6, PAUSE-1, RESTORE-5). */
  enum Severity {
    ERROR,
    WARNING
  }

  /** PAUSE-1. */
  String START_IN_PAST = "start cannot be in the past";

  /** PAUSE-1. */
  String END_BEFORE_START = "end precedes start";

  /** PAUSE-6. */
  String PAUSE_NOT_FOUND = "Streak pause not found by ID";

  /** RESTORE-5. */
  String NOTHING_TO_RESTORE = "No streak to restore";

  /** FREEZE-6. */
  String FREEZE_LIMIT = "Would exceed maximum freeze limit";
}
