package dev.laurel.engine.points;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Triggers fired by something that happened to the user: TRIG-8, TRIG-9, TRIG-12. */
public final class EventTriggers {
  private EventTriggers() {}

  /** TRIG-12: once, when the user is created, for the triggers active at that moment. */
  public static void userCreated(PointsConfig config, Ledger ledger, Instant now) {
    for (SystemConfig system : config.systems()) {
      for (Trigger trigger : system.active(TriggerType.USER_CREATION)) {
        fireIfMatching(system, trigger, ledger, now, "creation:" + trigger.id());
      }
    }
  }

  /** TRIG-8: an extension that made the streak {@code length} a positive multiple of the trigger's. */
  public static void streakExtended(PointsConfig config, Ledger ledger, int length, Instant now) {
    if (length <= 0) {
      return;
    }
    for (SystemConfig system : config.systems()) {
      for (Trigger trigger : system.active(TriggerType.STREAK)) {
        if (length % ((TriggerRule.Streak) trigger.rule()).length() == 0) {
          fireIfMatching(system, trigger, ledger, now, null);
        }
      }
    }
  }

  /** TRIG-9: each completed achievement, in completion order (PTS-5). */
  public static void achievementsCompleted(
      PointsConfig config, Ledger ledger, List<String> achievementIds, Instant now) {
    for (String achievementId : achievementIds) {
      for (SystemConfig system : config.systems()) {
        for (Trigger trigger : system.active(TriggerType.ACHIEVEMENT)) {
          if (((TriggerRule.Achievement) trigger.rule()).achievementId().equals(achievementId)) {
            fireIfMatching(system, trigger, ledger, now, null);
          }
        }
      }
    }
  }

  private static void fireIfMatching(
      SystemConfig system, Trigger trigger, Ledger ledger, Instant now, String dedupeKey) {
    if (AttributeFilter.matchAll(trigger.userAttributes(), ledger.user().attributes())) {
      ledger.fire(system, trigger, BigInteger.valueOf(trigger.points()), now, dedupeKey);
    }
  }
}
