package dev.laurel.server;

import dev.laurel.engine.Ids;
import dev.laurel.engine.leaderboard.PointsSystems;
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
import dev.laurel.server.events.UserLanes;
import dev.laurel.server.events.UserStates;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.leaderboard.Leaderboards;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.users.UserRoutes;
import dev.laurel.server.users.UserService;
import dev.laurel.store.BatchRepository;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.KeyRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.time.InstantSource;

/** A running server: wires store, services and HTTP with plain constructors (STYLE). */
public final class Laurel implements AutoCloseable {
  /** Lanes for per-user ordering (EVENT-8); a power of two, many more than cores. */
  private static final int LANES = 1024;

  /** Users whose latest state is kept in memory for the write path ({@link UserStates}). */
  private static final int USER_STATE_CACHE = 20_000;

  private final Database db;
  private final GroupCommitter committer;
  private final BatchWorker batchWorker;
  private final Javalin http;
  private final Leaderboards leaderboards;

  private Laurel(Database db, GroupCommitter committer, BatchWorker batchWorker, Javalin http, Leaderboards leaderboards) {
    this.db = db;
    this.committer = committer;
    this.batchWorker = batchWorker;
    this.http = http;
    this.leaderboards = leaderboards;
  }

  /** Starts a server; {@code out} receives the one-time admin key notice. */
  public static Laurel start(Settings settings, InstantSource clock, PrintStream out) {
    ConfigFile file = settings.configFile() == null ? null : ConfigFile.load(settings.configFile());
    Database db = settings.openDatabase();
    try {
      return start(settings, clock, out, db, file);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Laurel start(Settings settings, InstantSource clock, PrintStream out, Database db, ConfigFile file) {
    ConfigRepository config = new ConfigRepository(db);
    UserRepository users = new UserRepository(db);
    KeyRepository keys = new KeyRepository(db);
    BatchRepository batches = new BatchRepository(db);
    config.ensureEnvironment("production", "Production", "production", clock.instant());
    ApiKeys apiKeys = new ApiKeys(keys, clock);
    new AdminKeyBootstrap(db, config, keys, apiKeys, clock).run(settings.adminKey(), out);

    Scopes scopes = new Scopes(config);
    MetricAdmin metricAdmin = new MetricAdmin(db, config, scopes, clock);
    AttributeAdmin attributeAdmin = new AttributeAdmin(db, config, scopes, clock);
    int ceiling = file == null || file.maxParticipantsCeiling() == null
        ? Leaderboards.DEFAULT_CEILING
        : file.maxParticipantsCeiling();
    // Points systems of a scope, for points leaderboards; the points feature provides them.
    Leaderboards leaderboards =
        new Leaderboards(db, scopes, users, scope -> PointsSystems.NONE, ceiling, clock, Ids.randomUuids());
    metricAdmin.addGuard(leaderboards::metricInUse);
    attributeAdmin.addGuard(leaderboards::attributeInUse);
    if (file != null) {
      new ConfigApplier(db, config, scopes, metricAdmin, attributeAdmin, clock)
          .with(leaderboards.fileSection())
          .apply(file);
    }
    leaderboards.rebuild();

    UserLanes lanes = new UserLanes(LANES);
    GroupCommitter committer = new GroupCommitter(db);
    UserStates states = new UserStates(users, committer, USER_STATE_CACHE);
    EventService events = new EventService(scopes, users, lanes, states, clock, Ids.randomUuids());
    events.trackLeaderboards(leaderboards.tracker());
    BatchWorker batchWorker = new BatchWorker(db, batches, events);
    UserService userService = new UserService(scopes, users, lanes, states, clock);
    userService.trackLeaderboards(leaderboards.tracker());

    Javalin http =
        HttpApi.create(
            apiKeys,
            scopes,
            app -> {
              new EventRoutes(events, leaderboards.json()).register(app);
              new UserRoutes(userService, users, scopes).register(app);
              metricAdmin.register(app);
              attributeAdmin.register(app);
              new ApplicationKeyAdmin(db, keys, apiKeys, clock).register(app);
              new BatchAdmin(db, batches, users, scopes, batchWorker, clock).register(app);
              leaderboards.register(app);
            });
    batchWorker.start();
    leaderboards.startSweep();
    http.start("0.0.0.0", settings.port());
    return new Laurel(db, committer, batchWorker, http, leaderboards);
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

  @Override
  public void close() {
    http.stop();
    leaderboards.close();
    batchWorker.close();
    committer.close();
    db.close();
  }
}
