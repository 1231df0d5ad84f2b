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
 * snapshot, the rankings behind the {@link Rankings} port (here in memory, rebuilt from the store
 * at start), the tracker the event path calls in the user's lane, the reads, the admin API, the
 * configuration file section and the sweep.
 */
public final class Leaderboards implements AutoCloseable {
  /** CFG-12: the default upper bound of {@code maxParticipants}. */
  public static final int DEFAULT_CEILING = 10_000_000;

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
    this.scopes = scopes;
    this.boards = new LeaderboardRepository(db);
    this.entries = new RankingRepository(db);
    this.rankings = new InMemoryRankings();
    RunArchiveRepository archived = new RunArchiveRepository(db);
    DailySnapshots snapshots = new DailySnapshots(db, entries, archived, rankings);
    RunArchive archive = new RunArchive(db, entries, archived, rankings, snapshots);
    this.tracker = new LeaderboardTracker(rankings, entries);
    this.json = new LeaderboardJson(scopes, points, clock);
    this.admin = new LeaderboardAdmin(db, boards, entries, rankings, archive, scopes, points, ceiling, clock, ids);
    this.routes = new LeaderboardRoutes(scopes, users, entries, new LeaderboardReads(rankings, entries, archived, archive), json, clock);
    this.file = new LeaderboardFile(admin, scopes, points, clock);
    this.sweep = new LeaderboardSweep(boards, scopes, rankings, archive, snapshots, clock);
    scopes.extend((scope, base) -> base.withLeaderboards(boards.leaderboards(scope)));
    scopes.invalidateAll();
  }

  /** Rebuilds the rankings of every open run from the store (call once, before serving). */
  public void rebuild() {
    RankingsRebuild.run(boards, entries, scopes, rankings);
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
    sweep.start();
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
  }
}
