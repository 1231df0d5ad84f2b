package dev.laurel.server.streaks;

import dev.laurel.engine.streak.StreakView;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.server.http.Wire;
import java.util.ArrayList;
import java.util.List;

/** The streak response objects (STREAK-15..17, FREEZE-7, PAUSE-7, GEN-4). */
final class StreakWire {
  private StreakWire() {}

  /** {@code BaseStreakResponse}: freeze fields only when they apply (FREEZE-7). */
  static Wire.Obj base(StreakView v) {
    return Wire.obj()
        .with("length", v.length())
        .with("frequency", UserStreaks.wire(v.frequency()))
        .with("started", Wire.date(v.started()))
        .with("periodStart", Wire.date(v.periodStart()))
        .with("periodEnd", Wire.date(v.periodEnd()))
        .with("expires", Wire.date(v.expires()))
        .withOptional("freezes", v.freezes())
        .withOptional("maxFreezes", v.maxFreezes())
        .withOptional("freezeAutoEarnInterval", v.freezeAutoEarnInterval())
        .withOptional("freezeAutoEarnAmount", v.freezeAutoEarnAmount());
  }

  /** {@code StreakResponse}: the base fields, the latest extension, history and pauses. */
  static Wire.Obj full(StreakView v) {
    List<Object> history = new ArrayList<>();
    for (StreakView.HistoryEntry e : v.streakHistory()) {
      history.add(
          Wire.obj()
              .with("periodStart", Wire.date(e.periodStart()))
              .with("periodEnd", Wire.date(e.periodEnd()))
              .with("length", e.length())
              .withOptional("usedFreeze", e.usedFreeze())
              .with("usedPause", e.usedPause()));
    }
    List<Object> pauses = new ArrayList<>();
    for (StreakView.PauseEntry p : v.pauses()) {
      pauses.add(
          Wire.obj()
              .with("id", p.id())
              .with("start", Wire.date(p.start()))
              .with("end", Wire.date(p.end())));
    }
    return base(v)
        .with("extended", Wire.timestamp(v.extended()))
        .with("streakHistory", history)
        .with("pauses", pauses);
  }

  /** SDK-6: the issue of a streak admin endpoint, with the fields the published SDK expects. */
  static Wire.Obj issue(String userId, String severity, String message) {
    return Wire.obj()
        .with("userId", userId)
        .with("severity", severity)
        .with("message", message)
        .with("level", severity)
        .with("reason", message);
  }
}
