package dev.laurel.server.streaks;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SDK-9's legacy rankings. The longest lengths are stored exactly. Current lengths are stored as
 * of each user's last settlement, which only overstates them (time can only end streaks), so the
 * stored order gives candidates: each is settled up to now, and candidates are read until none
 * left could still enter the top (STREAK-9).
 */
final class StreakRanking {
  private static final int PAGE = 100;

  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt(Entry::length).reversed().thenComparing(Entry::userId);

  /** One ranked user. */
  record Entry(String userId, String name, int length) {}

  private final UserRepository users;
  private final StreakRepository streaks;
  private final ScopeConfig config;
  private final Instant now;

  StreakRanking(UserRepository users, StreakRepository streaks, ScopeConfig config, Instant now) {
    this.users = users;
    this.streaks = streaks;
    this.config = config;
    this.now = now;
  }

  static List<Entry> longest(StreakRepository streaks, Scope scope, int limit) {
    return streaks.ranked(scope, StreakRepository.RankBy.LONGEST, 0, limit).stream()
        .map(r -> new Entry(r.userId(), r.name(), r.longest()))
        .toList();
  }

  List<Entry> active(Scope scope, int limit) {
    List<Entry> top = new ArrayList<>();
    int offset = 0;
    while (true) {
      List<StreakRepository.Ranked> page =
          streaks.ranked(scope, StreakRepository.RankBy.LENGTH, offset, PAGE);
      for (StreakRepository.Ranked candidate : page) {
        if (top.size() == limit && candidate.length() < top.get(limit - 1).length()) {
          return top;
        }
        int length = settledLength(scope, candidate.userId());
        if (length > 0) {
          top.add(new Entry(candidate.userId(), candidate.name(), length));
          top.sort(ORDER);
          if (top.size() > limit) {
            top.remove(limit);
          }
        }
      }
      if (page.size() < PAGE) {
        return top;
      }
      offset += PAGE;
    }
  }

  private int settledLength(Scope scope, String userId) {
    UserState user = users.load(scope, userId);
    return user == null ? 0 : UserStreaks.view(config, user, now, 1).length();
  }
}
