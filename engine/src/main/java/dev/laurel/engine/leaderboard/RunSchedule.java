package dev.laurel.engine.leaderboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * LB-2, LB-3, LB-4: the runs of a leaderboard. A perpetual leaderboard has one run {@code [start,
 * end]}; run k of a repeating one starts at {@code start ⊕ k·I} (always computed from {@code
 * start}, never chained, so month and year steps clamp each time from the original day) and ends
 * the day before run k+1 starts, or at {@code end} when that comes first.
 */
final class RunSchedule {
  private RunSchedule() {}

  static Run first(Leaderboard lb) {
    return lb.isRepeating() ? run(lb, 0) : new Run(lb.start(), lb.end());
  }

  static Optional<Run> containing(Leaderboard lb, LocalDate date) {
    if (date.isBefore(lb.start()) || (lb.end() != null && date.isAfter(lb.end()))) {
      return Optional.empty();
    }
    if (!lb.isRepeating()) {
      return Optional.of(new Run(lb.start(), lb.end()));
    }
    long k = estimate(lb, date);
    while (k > 0 && runStart(lb, k).isAfter(date)) {
      k--;
    }
    while (!runStart(lb, k + 1).isAfter(date)) {
      k++;
    }
    return Optional.of(run(lb, k));
  }

  private static long estimate(Leaderboard lb, LocalDate date) {
    int interval = lb.runInterval();
    return switch (lb.runUnit()) {
      case DAY -> ChronoUnit.DAYS.between(lb.start(), date) / interval;
      case MONTH -> Math.max(0, months(lb.start(), date) / interval);
      case YEAR -> Math.max(0, months(lb.start(), date) / (12L * interval));
    };
  }

  private static long months(LocalDate from, LocalDate to) {
    return (to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue());
  }

  private static LocalDate runStart(Leaderboard lb, long k) {
    return lb.runUnit().add(lb.start(), k * lb.runInterval());
  }

  private static Run run(Leaderboard lb, long k) {
    LocalDate end = runStart(lb, k + 1).minusDays(1);
    if (lb.end() != null && lb.end().isBefore(end)) {
      end = lb.end();
    }
    return new Run(runStart(lb, k), end);
  }
}
