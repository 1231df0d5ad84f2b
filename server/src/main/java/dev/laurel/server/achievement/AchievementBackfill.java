package dev.laurel.server.achievement;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.Backdating;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.BackfillRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued backdating runs (ACH-16) in the background: for every user of the scope, in that
 * user's lane (so it never races the user's events), completes the targets the user currently
 * satisfies, silently ({@code achievedAt} = the run's instant for that user; no points, no
 * webhooks). A run leaves the queue only after its last user, so a restart resumes it.
 */
public final class AchievementBackfill implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AchievementBackfill.class);
  private static final int PAGE = 200;

  private final BackfillRepository queue;
  private final BackfillSignal signal;
  private final Scopes scopes;
  private final UserLanes lanes;
  private final UserStates states;
  private final AchievementProgressStore progress;
  private final StreakLength streakLength;
  private final InstantSource clock;
  private final Ids ids;
  private volatile boolean running = true;
  private Thread thread;

  /** A user's current streak length at {@code now} (ACH-16, streak targets). */
  @FunctionalInterface
  public interface StreakLength {
    int of(ScopeConfig config, UserState user, Instant now);
  }

  /** {@code streakLength} gives a user's current streak length (ACH-16, streak targets). */
  public AchievementBackfill(
      BackfillRepository queue,
      BackfillSignal signal,
      Scopes scopes,
      UserLanes lanes,
      UserStates states,
      AchievementProgressStore progress,
      StreakLength streakLength,
      InstantSource clock,
      Ids ids) {
    this.queue = queue;
    this.signal = signal;
    this.scopes = scopes;
    this.lanes = lanes;
    this.states = states;
    this.progress = progress;
    this.streakLength = streakLength;
    this.clock = clock;
    this.ids = ids;
  }

  public void start() {
    thread = Thread.ofPlatform().name("laurel-backdating").daemon().start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        List<BackfillRepository.Run> runs = queue.pending();
        if (runs.isEmpty()) {
          signal.await(Duration.ofSeconds(1));
          continue;
        }
        Map<Scope, List<BackfillRepository.Run>> byScope = new LinkedHashMap<>();
        runs.forEach(r -> byScope.computeIfAbsent(r.scope(), s -> new ArrayList<>()).add(r));
        for (Map.Entry<Scope, List<BackfillRepository.Run>> e : byScope.entrySet()) {
          Set<String> targets = new LinkedHashSet<>();
          e.getValue().forEach(r -> targets.add(r.achievementId()));
          if (backdateScope(e.getKey(), targets)) {
            queue.delete(e.getValue());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("achievement backdating failed; retrying shortly", e);
        pause();
      }
    }
  }

  /** Returns false when stopped before the last user (the run stays queued). */
  private boolean backdateScope(Scope scope, Set<String> targets) throws InterruptedException {
    ScopeConfig config = scopes.fresh(scope); // the run's own change included (ACH-16)
    String after = "";
    List<String> page;
    while (running && !(page = queue.userIds(scope, after, PAGE)).isEmpty()) {
      List<Thread> workers = new ArrayList<>();
      for (String userId : page) {
        workers.add(Thread.ofVirtual().start(() -> backdateUser(scope, config, userId, targets)));
      }
      for (Thread t : workers) {
        t.join();
      }
      after = page.get(page.size() - 1);
    }
    if (running) {
      LOG.info("backdated {} achievement(s) in scope {}", targets.size(), scope);
    }
    return running;
  }

  /** One user: decided and staged in the user's lane, awaited outside it. */
  private void backdateUser(Scope scope, ScopeConfig config, String userId, Set<String> targets) {
    Backdated done =
        lanes.run(scope, userId, () -> states.session(scope, userId, session -> decide(session, scope, config, userId, targets)));
    if (done != null) {
      done.staged().await();
      progress.committed(scope, done.completedSomething());
    }
  }

  private record Backdated(UserStates.Staged staged, boolean completedSomething) {}

  private Backdated decide(UserStates session, Scope scope, ScopeConfig config, String userId, Set<String> targets) {
    UserStates.Loaded read = session.load(scope, userId);
    UserState stored = read.state();
    if (stored == null) {
      return null;
    }
    Set<String> metrics = new LinkedHashSet<>();
    for (String id : targets) {
      Achievement a = config.achievements().byId(id);
      if (a != null && a.trigger() == AchievementTrigger.METRIC) {
        metrics.add(a.metricId());
      }
    }
    UserState ready = progress.prepare(scope, config, metrics, stored);
    Instant now = clock.instant();
    Backdating.Result result =
        Backdating.run(config.achievements(), ready, targets, streakLength.of(config, ready, now), now, ids);
    if (result.progress().equals(stored.achievements())) {
      return null;
    }
    UserStates.Staged staged =
        session.stage(
            read,
            scope,
            userId,
            stored.withAchievements(result.progress()),
            null,
            tx -> {
              progress.save(tx, scope, userId, stored.achievements(), result.progress(), true);
              return null;
            });
    return new Backdated(staged, !result.completed().isEmpty());
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    signal.signal();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
