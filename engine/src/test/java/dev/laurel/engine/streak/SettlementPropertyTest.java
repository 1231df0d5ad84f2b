package dev.laurel.engine.streak;

import static dev.laurel.engine.streak.Configs.MINUTES;
import static dev.laurel.engine.streak.Configs.STEPS;
import static dev.laurel.engine.streak.Configs.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STREAK-9: boundary effects are computed lazily, so a user settled only when touched must end in
 * exactly the state of a user settled at every hour and every local midnight. Random scenarios of
 * about 120 days: activity with idle stretches, pauses, archives, grants, restores, time-zone
 * moves, switching streaks off and on, and frequency switches.
 */
class SettlementPropertyTest {

  private static final List<String> ZONES =
      List.of(
          "UTC",
          "Pacific/Kiritimati",
          "America/Los_Angeles",
          "Asia/Kolkata",
          "Etc/GMT+12",
          "America/New_York",
          "Europe/London",
          "America/Havana");
  private static final int DAYS = 120;

  /** One thing that happens to the user at an instant. */
  private sealed interface Op {
    Instant at();
  }

  private record Event(Instant at, String metric, String value) implements Op {}

  private record AddPause(Instant at, String id, LocalDate start, LocalDate end) implements Op {}

  private record ArchivePause(Instant at, String id) implements Op {}

  private record Grant(Instant at, int count) implements Op {}

  private record Move(Instant at, String zone) implements Op {}

  private record SetEnabled(Instant at, boolean enabled) implements Op {}

  private record Restore(Instant at) implements Op {}

  private record Reconfigure(Instant at, StreakConfig config) implements Op {}

  private record Scenario(
      StreakConfig config, String zone, Instant start, List<Op> ops, Instant end) {}

  static Stream<Long> seeds() {
    return LongStream.range(0, 60).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName(
      "STREAK-9, STREAK-8, FREEZE-4: settling lazily equals settling at every midnight; settling"
          + " twice changes nothing")
  void lazyEqualsEager(long seed) {
    Scenario scenario = scenario(new Random(seed));
    List<StreakEffect> lazyEffects = new ArrayList<>();
    List<StreakEffect> eagerEffects = new ArrayList<>();
    StreakDriver lazy = play(scenario, false, lazyEffects);
    StreakDriver eager = play(scenario, true, eagerEffects);

    assertThat(eager.state).isEqualTo(lazy.state);
    assertThat(withoutConsumption(eagerEffects)).isEqualTo(withoutConsumption(lazyEffects));
    assertThat(consumed(eagerEffects)).isEqualTo(consumed(lazyEffects));
    String end = scenario.end().toString();
    assertThat(eager.view(end, 30)).isEqualTo(lazy.view(end, 30));

    StreakOutcome again = lazy.engine.settle(lazy.prefs, lazy.state, lazy.zone, scenario.end());
    assertThat(again.state()).isEqualTo(lazy.state);
    assertThat(again.effects()).isEmpty();
    StreakOutcome earlier =
        lazy.engine.settle(lazy.prefs, lazy.state, lazy.zone, scenario.end().minusSeconds(3600));
    assertThat(earlier.state()).isEqualTo(lazy.state);
  }

  private static StreakDriver play(Scenario scenario, boolean eager, List<StreakEffect> effects) {
    StreakDriver user =
        StreakDriver.user(scenario.config(), scenario.zone(), scenario.start().toString());
    Instant last = scenario.start();
    for (Op op : scenario.ops()) {
      if (eager) {
        settleEveryHourAndMidnight(user, last, op.at());
      }
      apply(user, op);
      effects.addAll(user.effects());
      last = op.at();
    }
    if (eager) {
      settleEveryHourAndMidnight(user, last, scenario.end());
    }
    user.settle(scenario.end().toString());
    effects.addAll(user.effects());
    return user;
  }

  private static void apply(StreakDriver user, Op op) {
    String at = op.at().toString();
    switch (op) {
      case Event e -> user.event(at, e.metric(), e.value());
      case AddPause p -> user.addPause(at, p.id(), p.start().toString(), p.end().toString());
      case ArchivePause a -> user.archivePause(at, a.id());
      case Grant g -> {
        if (user.engine.config().freezes().enabled()) {
          user.grant(at, g.count());
        }
      }
      case Move m -> user.moveTo(at, m.zone());
      case SetEnabled s -> user.setPrefs(at, new StreakPrefs(s.enabled(), null, null));
      case Restore r -> user.restore(at);
      case Reconfigure r -> user.reconfigure(at, r.config());
    }
  }

  /**
   * Settles at every whole hour and every local midnight strictly between {@code from} and {@code
   * to}.
   */
  private static void settleEveryHourAndMidnight(StreakDriver user, Instant from, Instant to) {
    Instant cursor = from;
    while (true) {
      Instant nextHour = cursor.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      LocalDate today = StreakCalendar.localDate(cursor, user.zone);
      Instant nextMidnight = StreakCalendar.startOfDay(today.plusDays(1), user.zone);
      Instant next = nextHour.isBefore(nextMidnight) ? nextHour : nextMidnight;
      if (!next.isBefore(to)) {
        return;
      }
      user.settle(next.toString());
      cursor = next;
    }
  }

  private static Scenario scenario(Random random) {
    StreakConfig config = randomConfig(random, Frequency.values()[random.nextInt(3)]);
    String zone = ZONES.get(random.nextInt(ZONES.size()));
    Instant start = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(random.nextInt(366 * 86_400));
    List<Op> ops = new ArrayList<>();
    int pauses = 0;
    for (int day = 0; day < DAYS; day++) {
      Instant dayStart = start.plus(Duration.ofDays(day));
      if (random.nextInt(20) == 0) {
        day += 3 + random.nextInt(12); // idle stretch
        continue;
      }
      int events = random.nextInt(10) < 6 ? 1 + random.nextInt(3) : 0;
      for (int i = 0; i < events; i++) {
        String metric = random.nextBoolean() ? STEPS : MINUTES;
        String value = random.nextInt(8) == 0 ? "-3.5" : Integer.toString(random.nextInt(13));
        ops.add(new Event(instantIn(random, dayStart), metric, value));
      }
      if (random.nextInt(20) == 0) {
        LocalDate first =
            StreakCalendar.localDate(dayStart, ZoneId.of("UTC")).plusDays(random.nextInt(6));
        ops.add(
            new AddPause(
                instantIn(random, dayStart),
                "pause-" + ++pauses,
                first,
                first.plusDays(random.nextInt(7))));
      }
      if (pauses > 0 && random.nextInt(30) == 0) {
        ops.add(
            new ArchivePause(instantIn(random, dayStart), "pause-" + (1 + random.nextInt(pauses))));
      }
      if (random.nextInt(40) == 0) {
        ops.add(new Grant(instantIn(random, dayStart), 1 + random.nextInt(2)));
      }
      if (random.nextInt(40) == 0) {
        ops.add(new Move(instantIn(random, dayStart), ZONES.get(random.nextInt(ZONES.size()))));
      }
      if (random.nextInt(60) == 0) {
        ops.add(new SetEnabled(instantIn(random, dayStart), random.nextInt(3) > 0));
      }
      if (random.nextInt(50) == 0) {
        ops.add(new Restore(instantIn(random, dayStart)));
      }
      if (random.nextInt(80) == 0) {
        ops.add(
            new Reconfigure(
                instantIn(random, dayStart),
                randomConfig(random, Frequency.values()[random.nextInt(3)])));
      }
    }
    ops.sort(Comparator.comparing(Op::at));
    return new Scenario(config, zone, start, ops, start.plus(Duration.ofDays(DAYS + 3)));
  }

  private static Instant instantIn(Random random, Instant dayStart) {
    return dayStart.plusSeconds(1 + random.nextInt(86_399));
  }

  private static StreakConfig randomConfig(Random random, Frequency frequency) {
    EvaluationMode mode = random.nextBoolean() ? EvaluationMode.AND : EvaluationMode.OR;
    int threshold = frequency == Frequency.DAILY ? 5 + random.nextInt(8) : 10 + random.nextInt(40);
    StreakConfig config =
        random.nextBoolean()
            ? Configs.streaks(frequency, mode, metric(STEPS, Integer.toString(threshold)))
            : Configs.streaks(
                frequency,
                mode,
                metric(STEPS, Integer.toString(threshold)),
                metric(MINUTES, "4.5"));
    return switch (random.nextInt(3)) {
      case 0 -> config;
      case 1 -> Configs.withFreezes(config, 1 + random.nextInt(3), random.nextInt(2));
      default ->
          Configs.withAutoEarn(
              config,
              1 + random.nextInt(4),
              random.nextInt(2),
              1 + random.nextInt(9),
              1 + random.nextInt(2));
    };
  }

  private static List<StreakEffect> withoutConsumption(List<StreakEffect> effects) {
    return effects.stream().filter(e -> !(e instanceof StreakEffect.FreezeConsumed)).toList();
  }

  private static int consumed(List<StreakEffect> effects) {
    return effects.stream()
        .filter(e -> e instanceof StreakEffect.FreezeConsumed)
        .mapToInt(e -> ((StreakEffect.FreezeConsumed) e).consumed())
        .sum();
  }
}
