package dev.laurel.server.achievement;

import dev.laurel.engine.Scope;
import dev.laurel.engine.achievement.Rarity;
import dev.laurel.store.AchievementRepository;
import dev.laurel.store.UserRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ACH-13 statistics per scope, cached. A committed completion invalidates its scope's entry, so
 * completions are counted at once; the user count may lag by at most {@link #MAX_AGE}.
 */
public final class AchievementStats {
  static final Duration MAX_AGE = Duration.ofSeconds(60);

  /** Completions per achievement id and the number of users of one scope. */
  public record Snapshot(Map<String, Long> counts, long users) {
    public long completions(String achievementId) {
      return counts.getOrDefault(achievementId, 0L);
    }

    public BigDecimal rarity(String achievementId) {
      return Rarity.of(completions(achievementId), users);
    }
  }

  private record Entry(long generation, Instant computed, Snapshot snapshot) {}

  private final AchievementRepository achievements;
  private final UserRepository users;
  private final InstantSource clock;
  private final Map<Scope, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<Scope, Entry> cache = new ConcurrentHashMap<>();

  public AchievementStats(AchievementRepository achievements, UserRepository users, InstantSource clock) {
    this.achievements = achievements;
    this.users = users;
    this.clock = clock;
  }

  public Snapshot get(Scope scope) {
    long generation = generation(scope).get();
    Instant now = clock.instant();
    Entry e = cache.get(scope);
    if (e != null && e.generation() == generation && Duration.between(e.computed(), now).compareTo(MAX_AGE) < 0) {
      return e.snapshot();
    }
    Snapshot fresh = new Snapshot(Map.copyOf(achievements.completionCounts(scope)), users.count(scope));
    cache.put(scope, new Entry(generation, now, fresh));
    return fresh;
  }

  /** Called after a transaction that completed achievements in this scope committed. */
  public void invalidate(Scope scope) {
    generation(scope).incrementAndGet();
  }

  private AtomicLong generation(Scope scope) {
    return generations.computeIfAbsent(scope, s -> new AtomicLong());
  }
}
