package dev.laurel.store;

import dev.laurel.engine.streak.AutoEarn;
import dev.laurel.engine.streak.EvaluationMode;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.MetricThreshold;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.StreakEngine;
import dev.laurel.engine.streak.StreakPrefs;
import dev.laurel.engine.streak.StreakResult;
import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Streak values for the store contract, built through the engine so they are realistic. */
final class StreakFixtures {
  static final StreakConfig DISABLED = StreakConfig.DISABLED;

  static final StreakConfig CONFIG =
      new StreakConfig(
          true,
          Frequency.DAILY,
          EvaluationMode.OR,
          List.of(
              new MetricThreshold("m1", new BigDecimal("10")),
              new MetricThreshold("m2", new BigDecimal("0.25"))),
          true,
          new FreezeConfig(true, 3, 1, new AutoEarn(2, 1, Instant.parse("2025-01-01T08:00:00Z"))));

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private StreakFixtures() {}

  /**
   * A user created 2025-01-01 09:00 London who was active on five days, missed two (one covered by
   * a freeze), and holds a pause: every part of the state is filled in.
   */
  static StreakState busyState() {
    StreakEngine engine = new StreakEngine(CONFIG);
    Instant t = Instant.parse("2025-01-01T09:00:00Z");
    StreakState state = engine.created(LONDON, t).state();
    for (int day : new int[] {0, 1, 2, 4, 7, 8}) {
      Instant at = t.plusSeconds(86_400L * day);
      state =
          engine
              .onEvent(StreakPrefs.NONE, state, "m2", new BigDecimal("0.3"), LONDON, at)
              .state();
    }
    var paused =
        engine.addPause(
            StreakPrefs.NONE,
            state,
            "p1",
            LocalDate.parse("2025-01-12"),
            LocalDate.parse("2025-01-14"),
            LONDON,
            t.plusSeconds(86_400L * 9));
    return ((StreakResult.Applied) paused).outcome().state();
  }

  /** A state whose streak has {@code length} (0: none), extended daily up to 2025-01-10. */
  static StreakState withLength(int length) {
    StreakEngine engine = new StreakEngine(CONFIG);
    Instant start = Instant.parse("2025-01-10T12:00:00Z").minusSeconds(86_400L * length);
    StreakState state = engine.created(LONDON, start.minusSeconds(3600)).state();
    for (int i = 0; i < length; i++) {
      state =
          engine
              .onEvent(
                  StreakPrefs.NONE,
                  state,
                  "m1",
                  BigDecimal.TEN,
                  LONDON,
                  start.plusSeconds(86_400L * (i + 1)))
              .state();
    }
    return state;
  }
}
