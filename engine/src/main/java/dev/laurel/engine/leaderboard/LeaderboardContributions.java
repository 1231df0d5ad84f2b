package dev.laurel.engine.leaderboard;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * EVENT-4 step 7 as a pure function: a user's leaderboard entries after one request's
 * contributions, for every leaderboard accepting them (LB-6, EVENT-7), plus the group moves of
 * LB-14. Callers outside the event pipeline (awards of time triggers or API completions, streak
 * restores, user attribute changes) use the same function with their own {@link Contribution}.
 */
public final class LeaderboardContributions {
  private LeaderboardContributions() {}

  public static LeaderboardEntries apply(
      ScopeConfig config, UserProfile profile, LeaderboardEntries entries, Contribution c, Instant now) {
    LeaderboardEntries out = entries;
    for (Leaderboard lb : config.leaderboards()) {
      LeaderboardEntry current = entries.get(lb.id());
      String group = Groups.of(lb, config, profile.attributes());
      LeaderboardEntry next = contribute(lb, current, group, c, profile, now);
      if (next == current && current != null && !Objects.equals(current.group(), group)
          && isCurrentRun(lb, current, profile, now)) {
        next = current.withGroup(group); // LB-14: the value moves with the user
      }
      if (next != current) {
        out = out.with(lb.id(), next);
      }
    }
    return out;
  }

  /** LB-9: the entry after the contribution, or {@code current} when the value did not change. */
  private static LeaderboardEntry contribute(
      Leaderboard lb, LeaderboardEntry current, String group, Contribution c, UserProfile profile, Instant now) {
    Optional<Run> run = ContributionWindow.runFor(lb, now, profile.zone());
    if (run.isEmpty()) {
      return current;
    }
    LocalDate runStart = run.get().start();
    if (current != null && runStart.isBefore(current.run()) && isRunOf(lb, current.run())) {
      return current; // TIME-6: a zone change moved the user's date back into an earlier run
    }
    BigDecimal base = current != null && current.run().equals(runStart) ? current.value() : BigDecimal.ZERO;
    BigDecimal value = value(lb, base, c);
    if (value.compareTo(base) == 0) {
      return current;
    }
    return new LeaderboardEntry(runStart, group, value, now);
  }

  private static BigDecimal value(Leaderboard lb, BigDecimal base, Contribution c) {
    return switch (lb.rankBy()) {
      case METRIC ->
          lb.metricId().equals(c.metricId()) && c.metricValue() != null
              ? Decimals.add(base, c.metricValue())
              : base;
      case POINTS -> {
        Long delta = c.pointsDeltas().get(lb.pointsSystemId());
        yield delta == null ? base : base.add(BigDecimal.valueOf(delta));
      }
      case STREAK -> c.streakLength() == null ? base : BigDecimal.valueOf(c.streakLength());
    };
  }

  /** Whether {@code runStart} starts a run of the current definition (a scheduled start may move). */
  private static boolean isRunOf(Leaderboard lb, LocalDate runStart) {
    return lb.runContaining(runStart).map(r -> r.start().equals(runStart)).orElse(false);
  }

  /** LB-14: only the run of the user's local today moves; finalised runs never do. */
  private static boolean isCurrentRun(Leaderboard lb, LeaderboardEntry entry, UserProfile profile, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, profile.zone());
    return lb.runContaining(today).map(r -> r.start().equals(entry.run()) && !r.isFinalAt(now)).orElse(false);
  }
}
