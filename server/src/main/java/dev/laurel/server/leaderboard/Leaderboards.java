package dev.laurel.server.leaderboard;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.LeaderboardRepository;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.RunArchiveRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * The leaderboard feature (§18) wired together: definitions in each scope's configuration
 * snapshot, the rankings behind the {@link Rankings} port (in memory, or shared in Redis by several
 * nodes; rebuilt from the store at start when they lost their data), the tracker the event path calls in the user's lane, the reads, the admin API, the
 * configuration file section and the sweep.
 */
public final class Leaderboards implements AutoCloseable {
  /** CFG-12: the default upper bound of {@code maxParticipants}. */
  public static final int DEFAULT_CEILING = 10_000_000;

  private final Database db;
  private final Scopes scopes;
  private final LeaderboardRepository boards;
  private final RankingRepository entries;
  private final Rankings rankings;
  private final LeaderboardTracker tracker;
  private final LeaderboardJson json;
  private final LeaderboardAdmin admin;
  private final LeaderboardRoutes routes;
  private final LeaderboardFile file;
  private final LeaderboardSweep sweep;

  /**
   * @param points the active points systems of a scope (LB-1 {@code rankBy: points})
   * @param ceiling the participant ceiling (CFG-12)
   */
  public Leaderboards(
      Database db, Scopes scopes, UserRepository users, Function<Scope, PointsSystems> points, int ceiling,
      InstantSource clock, Ids ids) {
    this(db, scopes, users, points, ceiling, clock, ids, new InMemoryRankings());
  }

  /** As above, with the rankings behind the port ({@link InMemoryRankings} or Redis). */
  public Leaderboards(
      Database db, Scopes scopes, UserRepository users, Function<Scope, PointsSystems> points, int ceiling,
      InstantSource clock, Ids ids, Rankings rankings) {
    this.db = db;
    this.scopes = scopes;
    this.boards = new LeaderboardRepository(db);
    this.entries = new RankingRepository(db);
    this.rankings = rankings;
    RunArchiveRepository archived = new RunArchiveRepository(db);
    DailySnapshots snapshots = new DailySnapshots(db, entries, archived, rankings);
    RunArchive archive = new RunArchive(db, entries, archived, rankings, snapshots);
    this.tracker = new LeaderboardTracker(rankings, entries);
    this.json = new LeaderboardJson(scopes, points, clock);
    this.admin = new LeaderboardAdmin(db, boards, entries, rankings, archive, scopes, points, ceiling, clock, ids);
    this.routes = new LeaderboardRoutes(scopes, users, entries, new LeaderboardReads(rankings, entries, archived, archive), json, clock);
    this.file = new LeaderboardFile(admin, scopes, points, clock);
    this.sweep = new LeaderboardSweep(boards, scopes, rankings, archive, snapshots, clock, this::rebuild);
    scopes.extend((scope, base) -> base.withLeaderboards(boards.leaderboards(scope)));
    scopes.invalidateAll();
  }

  /**
   * CON-14: rebuilds the rankings of every open run from the store unless they were rebuilt since
   * they last lost their data — at start (call before serving) and before every sweep, so a Redis
   * that was flushed or restarted empty is refilled within a minute. Nodes sharing the store take
   * turns (an advisory lock), so one rebuilds and the others find the marker.
   */
  public void rebuild() {
    if (rankings.built()) {
      return;
    }
    db.exclusively("laurel-rankings-rebuild", () -> {
      if (!rankings.built()) {
        RankingsRebuild.run(boards, entries, scopes, rankings);
        rankings.markBuilt();
      }
    });
  }

  /** LB-2, LB-39: see {@link LeaderboardAdmin#runOutsideLanesWith}. */
  public void runOutsideLanesWith(java.util.function.Consumer<Runnable> outsideLanes) {
    admin.runOutsideLanesWith(outsideLanes);
  }

  public LeaderboardTracker tracker() {
    return tracker;
  }

  public LeaderboardJson json() {
    return json;
  }

  public LeaderboardFile fileSection() {
    return file;
  }

  public String metricInUse(ScopeConfig config, String metricId) {
    return admin.metricInUse(config, metricId);
  }

  public String pointsSystemInUse(ScopeConfig config, String systemId) {
    return admin.pointsSystemInUse(config, systemId);
  }

  public String attributeInUse(ScopeConfig config, String attributeId) {
    return LeaderboardAdmin.attributeInUse(config, attributeId);
  }

  public void register(Javalin app) {
    admin.register(app);
    routes.register(app);
  }

  /** Starts the minute sweep (finalisation LB-7, snapshots LB-34). */
  public void startSweep() {
    sweep.start(db);
  }

  /** Runs one sweep now (tests move the clock, then sweep). */
  public void sweepNow() {
    sweep.runOnce();
  }

  /** The rankings port, for tests comparing a rebuilt index with the live one. */
  public Rankings rankings() {
    return rankings;
  }

  @Override
  public void close() {
    sweep.close();
    tracker.close();
    if (rankings instanceof dev.laurel.server.leaderboard.redis.RedisRankings shared) {
      shared.close();
    }
  }
}
