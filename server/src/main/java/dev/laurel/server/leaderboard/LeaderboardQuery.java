package dev.laurel.server.leaderboard;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Groups;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.engine.user.UserRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query parameters of the leaderboard reads: {@code run} (LB-24, LB-28), {@code userAttributes} (LB-30). */
final class LeaderboardQuery {
  /** TIME-7: the earliest zone, where a run begins first. */
  private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

  private LeaderboardQuery() {}

  /**
   * LB-28: the run designated by {@code date}; a date outside the leaderboard's dates or in a run
   * that has not begun in any zone is 404. Without a date, LB-24's default run.
   */
  static Run run(Leaderboard lb, LocalDate date, Instant now) {
    if (date == null) {
      return defaultRun(lb, now);
    }
    Run run = lb.runContaining(date).orElseThrow(LeaderboardQuery::runNotFound);
    if (run.start().isAfter(LocalDate.ofInstant(now, EARLIEST))) {
      throw runNotFound();
    }
    return run;
  }

  /** LB-24: the run containing today (UTC) when active, the first when scheduled, the last when finished. */
  static Run defaultRun(Leaderboard lb, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (lb.end() != null && today.isAfter(lb.end())) {
      today = lb.end();
    }
    return switch (lb.status(now)) {
      case SCHEDULED, INACTIVE -> lb.firstRun();
      case ACTIVE, FINISHED -> lb.runContaining(today).orElse(lb.firstRun());
    };
  }

  /**
   * LB-30: the group a read selects. Breakdown leaderboards need exactly one value per breakdown
   * attribute ({@code key:value,key:value}, ATTR-10); others take none.
   */
  static String group(Leaderboard lb, ScopeConfig config, String raw) {
    boolean given = raw != null && !raw.isBlank();
    if (!lb.hasBreakdown()) {
      if (given) {
        throw Rejection.invalid("userAttributes applies only to leaderboards with breakdown attributes");
      }
      return Groups.NONE;
    }
    if (!given) {
      throw Rejection.invalid("userAttributes is required for leaderboards with breakdown attributes");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    int count = 0;
    for (String pair : raw.split(",", -1)) {
      int colon = pair.indexOf(':');
      String key = colon < 0 ? "" : pair.substring(0, colon).trim();
      if (key.isEmpty()) {
        throw Rejection.invalid("userAttributes must be key:value pairs separated by commas, got \"" + pair.trim() + "\"");
      }
      if (!config.isUserAttribute(key) && !unknown.contains(key)) {
        unknown.add(key);
      }
      pairs.put(key, pair.substring(colon + 1).trim());
      count++;
    }
    if (!unknown.isEmpty()) {
      throw UserRules.invalidAttributeKeys(unknown);
    }
    List<String> keys = new ArrayList<>();
    for (String id : lb.breakdownAttributes()) {
      keys.add(Groups.keyOf(config, id));
    }
    if (count != keys.size() || !pairs.keySet().containsAll(keys)) {
      throw Rejection.invalid(
          "userAttributes must give exactly one value for each breakdown attribute: " + String.join(", ", keys));
    }
    return Groups.encode(keys.stream().map(pairs::get).toList());
  }

  static Rejection runNotFound() {
    return Rejection.notFound("Leaderboard run not found");
  }
}
