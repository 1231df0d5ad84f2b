package dev.laurel.server;

import dev.laurel.engine.Ids;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.server.achievement.AchievementAdmin;
import dev.laurel.server.achievement.AchievementBackfill;
import dev.laurel.server.achievement.AchievementFile;
import dev.laurel.server.achievement.AchievementProgressStore;
import dev.laurel.server.achievement.AchievementRoutes;
import dev.laurel.server.achievement.AchievementService;
import dev.laurel.server.achievement.AchievementStats;
import dev.laurel.server.achievement.BackfillSignal;
import dev.laurel.server.admin.ApplicationKeyAdmin;
import dev.laurel.server.admin.AttributeAdmin;
import dev.laurel.server.admin.BatchAdmin;
import dev.laurel.server.admin.MetricAdmin;
import dev.laurel.server.auth.ApiKeys;
import dev.laurel.server.auth.AdminKeyBootstrap;
import dev.laurel.server.config.ConfigApplier;
import dev.laurel.server.config.ConfigFile;
import dev.laurel.server.events.BatchWorker;
import dev.laurel.server.events.EventRoutes;
import dev.laurel.server.events.EventService;
import dev.laurel.server.events.GroupCommitter;
import dev.laurel.server.events.HeapPressure;
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.CachedUserStates;
import dev.laurel.server.events.LockingUserStates;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.leaderboard.InMemoryRankings;
import dev.laurel.server.leaderboard.Leaderboards;
import dev.laurel.server.leaderboard.Rankings;
import dev.laurel.server.leaderboard.redis.RedisRankings;
import dev.laurel.server.leaderboard.redis.RedisUrl;
import dev.laurel.server.points.PointsAdmin;
import dev.laurel.server.points.PointsRoutes;
import dev.laurel.server.points.PointsService;
import dev.laurel.server.points.PointsSnapshots;
import dev.laurel.server.points.PointsSweeper;
import dev.laurel.server.points.PointsRefs;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakAdmin;
import dev.laurel.server.streaks.StreakCommands;
import dev.laurel.server.streaks.StreakConfigAdmin;
import dev.laurel.server.streaks.StreakRoutes;
import dev.laurel.server.streaks.StreakStates;
import dev.laurel.server.streaks.StreakSweep;
import dev.laurel.server.users.UserRoutes;
import dev.laurel.server.users.UserService;
import dev.laurel.store.AchievementRepository;
import dev.laurel.store.AwardRepository;
import dev.laurel.store.BackfillRepository;
import dev.laurel.store.BatchRepository;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.Dialect;
import dev.laurel.store.KeyRepository;
import dev.laurel.store.PointsConfigLoader;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.PointsRepository;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.time.InstantSource;

/** A running server: wires store, services and HTTP with plain constructors (STYLE). */
public final class Laurel implements AutoCloseable {
  /** Lanes for per-user ordering (EVENT-8); a power of two, many more than cores. */
  private static final int LANES = 1024;
  /**
   * Issue 8: how soon a user must come back for the state to stay kept as objects (else it is
   * packed once its writes commit); {@code laurel.coldAfterMillis} sets it for an experiment, 0 (or
   * less) keeping every state as objects until evicted.
   */
  private static final java.time.Duration COLD_AFTER =
      java.time.Duration.ofMillis(Math.max(0, Long.getLong("laurel.coldAfterMillis", 1_000)));

  private final Database db;
  private final GroupCommitter committer;
  private final BatchWorker batchWorker;
  private final AchievementBackfill backfill;
  private final StreakSweep streakSweep;
  private final Javalin http;
  private final PointsSweeper pointsSweeper;
  private final Leaderboards leaderboards;
  private final HeapPressure heapPressure;

  private Laurel(
      Database db,
      GroupCommitter committer,
      BatchWorker batchWorker,
      AchievementBackfill backfill,
      StreakSweep streakSweep,
      Javalin http,
      PointsSweeper pointsSweeper,
      Leaderboards leaderboards,
      HeapPressure heapPressure) {
    this.db = db;
    this.committer = committer;
    this.batchWorker = batchWorker;
    this.backfill = backfill;
    this.streakSweep = streakSweep;
    this.http = http;
    this.pointsSweeper = pointsSweeper;
    this.leaderboards = leaderboards;
    this.heapPressure = heapPressure;
  }

  /** Starts a server; {@code out} receives the one-time admin key notice. */
  public static Laurel start(Settings settings, InstantSource clock, PrintStream out) {
    settings.check();
    ConfigFile file = settings.configFile() == null ? null : ConfigFile.load(settings.configFile());
    RedisUrl redisUrl = settings.usesRedis() ? RedisUrl.parse(settings.redisUrl()) : null;
    Database db = settings.openDatabase();
    Rankings rankings = null;
    try {
      rankings = redisUrl == null ? new InMemoryRankings() : RedisRankings.connect(redisUrl);
      return start(settings, clock, out, db, file, rankings);
    } catch (RuntimeException e) {
      if (rankings instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
      db.close();
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already failing: the start-up error is the one to report
    }
  }

  private static Laurel start(
      Settings settings, InstantSource clock, PrintStream out, Database db, ConfigFile file, Rankings rankings) {
    ConfigRepository config = new ConfigRepository(db);
    UserRepository users = new UserRepository(db);
    KeyRepository keys = new KeyRepository(db);
    BatchRepository batches = new BatchRepository(db);
    config.ensureEnvironment("production", "Production", "production", clock.instant());
    ApiKeys apiKeys = new ApiKeys(keys, clock);
    new AdminKeyBootstrap(db, config, keys, apiKeys, clock).run(settings.adminKey(), out);

    boolean shared = db.dialect() == Dialect.POSTGRESQL;
    Scopes scopes = new Scopes(config, shared, clock);
    scopes.extend(new PointsSnapshots(new PointsConfigLoader(db)));
    MetricAdmin metricAdmin = new MetricAdmin(db, config, scopes, clock);
    AttributeAdmin attributeAdmin = new AttributeAdmin(db, config, scopes, clock);
    metricAdmin.addGuard(PointsSnapshots::metricInUse);
    attributeAdmin.addGuard(PointsSnapshots::attributeInUse);
    PointsAdmin pointsAdmin =
        new PointsAdmin(db, new PointsConfigRepository(), scopes, users, clock);
    int ceiling = file == null || file.maxParticipantsCeiling() == null
        ? Leaderboards.DEFAULT_CEILING
        : file.maxParticipantsCeiling();
    // Points systems of a scope, for points leaderboards (LB-1), from the points snapshot.
    Leaderboards leaderboards =
        new Leaderboards(db, scopes, users, scope -> PointsRefs.of(scopes.config(scope).points()), ceiling, clock, Ids.randomUuids(), rankings);
    metricAdmin.addGuard(leaderboards::metricInUse);
    attributeAdmin.addGuard(leaderboards::attributeInUse);
    pointsAdmin.addDeleteGuard(leaderboards::pointsSystemInUse); // PTS-16
    AchievementRepository achievements = new AchievementRepository(db);
    BackfillRepository backfills = new BackfillRepository(db);
    BackfillSignal backfillSignal = new BackfillSignal();
    AchievementAdmin achievementAdmin =
        new AchievementAdmin(db, achievements, backfills, backfillSignal, scopes, clock);
    achievementAdmin.addGuard(PointsSnapshots::achievementInUse);
    StreakRepository streaks = new StreakRepository(db);
    StreakConfigAdmin streakConfig = new StreakConfigAdmin(db, streaks, scopes, clock);
    if (file != null) {
      ConfigApplier applier =
          new ConfigApplier(
                  db,
                  config,
                  scopes,
                  metricAdmin,
                  attributeAdmin,
                  streakConfig,
                  clock,
                  new AchievementFile(scopes, achievementAdmin))
              .with(pointsAdmin.fileSection())
              .with(leaderboards.fileSection()); // points before leaderboards (keys)
      db.exclusively("laurel-config-apply", () -> applier.apply(file));
    }
    leaderboards.rebuild();

    UserLanes lanes = new UserLanes(LANES);
    GroupCommitter committer = new GroupCommitter(db);
    // Users whose latest state is kept for the write path: sized from the heap, fewer once it runs
    // short (HeapPressure); with PostgreSQL a kept state is reused only while its version holds.
    // Behind them, more are kept packed (StateCodec) in a quarter of the heap. (The server test
    // runs set laurel.statesKeptAsObjects to 1, so that nearly every event of the suites goes
    // through packing.) A user whose previous event is more than COLD_AFTER ago keeps the state
    // as objects only until its writes commit.
    long maxHeap = Runtime.getRuntime().maxMemory();
    int keptStates = Integer.getInteger("laurel.statesKeptAsObjects", HeapPressure.stateCapacity(maxHeap));
    long packedBytes = HeapPressure.packedBytes(maxHeap);
    UserStates states =
        shared
            ? new LockingUserStates(db, users, committer, keptStates, packedBytes, COLD_AFTER)
            : new CachedUserStates(users, committer, keptStates, packedBytes, COLD_AFTER);
    HeapPressure heapPressure = HeapPressure.watch(states::relieveMemory);
    attributeAdmin.runOutsideLanesWith(states::outsideLanes); // ATTR-5
    leaderboards.runOutsideLanesWith(states::outsideLanes); // LB-2, LB-39: entries in users rows
    AchievementStats achievementStats = new AchievementStats(achievements, users, clock);
    AchievementProgressStore progress = new AchievementProgressStore(achievements, achievementStats, states);
    StreakStates streakStates = new StreakStates(streaks);
    EventService events =
        new EventService(scopes, users, lanes, states, clock, Ids.randomUuids(), progress, streakStates);
    events.trackLeaderboards(leaderboards.tracker());
    // A repair sets the rankings from the user's state in a session that writes (moving the state
    // version on, which makes a claim of another node that read the user earlier fail), and reads
    // entries of earlier runs from the store after it, holding no transaction then.
    leaderboards.tracker().repairIn((scope, id, inSession) -> lanes.run(scope, id, () -> {
      Runnable[] after = new Runnable[1];
      UserStates.Staged moved = states.session(scope, id, s -> {
        UserStates.Loaded read = s.load(scope, id);
        after[0] = inSession.apply(read.state());
        return read.state() == null ? null : s.stage(read, scope, id, read.state(), null, tx -> null);
      });
      if (moved != null) {
        moved.await();
      }
      after[0].run();
      return null;
    }));
    AchievementService achievementService =
        new AchievementService(scopes, users, lanes, states, progress, clock, Ids.randomUuids(), streakStates);
    AchievementBackfill backfill =
        new AchievementBackfill(
            backfills,
            backfillSignal,
            scopes,
            lanes,
            states,
            progress,
            UserStreaks::currentLength,
            clock,
            Ids.randomUuids());
    BatchWorker batchWorker = new BatchWorker(db, batches, events);
    UserService userService = new UserService(scopes, users, lanes, states, clock, streakStates);
    userService.trackLeaderboards(leaderboards.tracker());
    StreakCommands streakCommands =
        new StreakCommands(scopes, streaks, lanes, states, streakStates, clock);
    streakCommands.trackLeaderboards(leaderboards.tracker());
    StreakSweep streakSweep = new StreakSweep(streaks, streakCommands, clock);
    PointsRepository points = new PointsRepository(db);
    AwardRepository awards = new AwardRepository(db);
    PointsService pointsService =
        new PointsService(scopes, points, awards, lanes, states, clock, Ids.randomUuids());
    events.addWriter(pointsService::writeEvent);
    userService.addHook(pointsService::onUserWrite);
    achievementService.withPoints(pointsService);
    achievementService.trackLeaderboards(leaderboards.tracker()); // LB-16: API completions' awards
    pointsService.trackLeaderboards(leaderboards.tracker()); // LB-16: time triggers settled outside events
    PointsSweeper pointsSweeper = new PointsSweeper(pointsService);

    Javalin http =
        HttpApi.create(
            apiKeys,
            scopes,
            settings.compressionMinBytes(),
            app -> {
              new EventRoutes(events, leaderboards.json()).register(app);
              new UserRoutes(userService, users, scopes).register(app);
              metricAdmin.register(app);
              attributeAdmin.register(app);
              new ApplicationKeyAdmin(db, keys, apiKeys, clock).register(app);
              new BatchAdmin(db, batches, users, scopes, batchWorker, clock).register(app);
              new AchievementRoutes(achievementService, achievementStats, users, scopes).register(app);
              achievementAdmin.register(app);
              new StreakRoutes(users, streaks, scopes, clock).register(app);
              new StreakAdmin(streakCommands, streaks, scopes).register(app);
              streakConfig.register(app);
              pointsAdmin.register(app);
              new PointsRoutes(pointsService, points, awards, users, scopes, clock).register(app);
              leaderboards.register(app);
            });
    batchWorker.start();
    backfill.start();
    pointsSweeper.start(db);
    leaderboards.startSweep();
    http.start("0.0.0.0", settings.port());
    streakSweep.start(db);
    return new Laurel(db, committer, batchWorker, backfill, streakSweep, http, pointsSweeper, leaderboards, heapPressure);
  }

  public int port() {
    return http.port();
  }

  /** Runs one leaderboard sweep now (LB-7, LB-34); the server also runs it every minute. */
  public void sweepLeaderboards() {
    leaderboards.sweepNow();
  }

  /** The leaderboard feature, for tests. */
  public Leaderboards leaderboards() {
    return leaderboards;
  }

  /** The streak sweep (STREAK-9), for tests that move the clock and run it at once. */
  StreakSweep streakSweep() {
    return streakSweep;
  }

  /** Runs one time-trigger sweep now (TRIG-10); the server also runs it every minute. */
  public void sweepPoints() {
    pointsSweeper.runOnce();
  }

  @Override
  public void close() {
    http.stop();
    leaderboards.close();
    streakSweep.close();
    pointsSweeper.close();
    batchWorker.close();
    backfill.close();
    committer.close();
    heapPressure.close();
    db.close();
  }
}
