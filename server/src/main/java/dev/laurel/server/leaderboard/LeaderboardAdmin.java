package dev.laurel.server.leaderboard;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.DefinitionContext;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardPatch;
import dev.laurel.engine.leaderboard.LeaderboardRules;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.LeaderboardRepository;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Admin leaderboards (LB-35..LB-40): list, get, create, update, delete, each item on its own
 * (ADM-4). The same operations serve the configuration file.
 */
public final class LeaderboardAdmin {
  private static final String BASE = HttpApi.ADMIN + "/leaderboards";

  private final Database db;
  private final LeaderboardRepository boards;
  private final RankingRepository entries;
  private final Rankings rankings;
  private final RunArchive archive;
  private final Scopes scopes;
  private final Function<Scope, PointsSystems> points;
  private final int ceiling;
  private final InstantSource clock;
  private final Ids ids;
  private volatile Consumer<Runnable> outsideLanes = Runnable::run;

  LeaderboardAdmin(
      Database db, LeaderboardRepository boards, RankingRepository entries, Rankings rankings,
      RunArchive archive, Scopes scopes, Function<Scope, PointsSystems> points, int ceiling,
      InstantSource clock, Ids ids) {
    this.db = db;
    this.boards = boards;
    this.entries = entries;
    this.rankings = rankings;
    this.archive = archive;
    this.scopes = scopes;
    this.points = points;
    this.ceiling = ceiling;
    this.clock = clock;
    this.ids = ids;
  }

  public void register(Javalin app) {
    app.get(BASE, this::list);
    app.post(BASE, this::create);
    app.patch(BASE, this::update);
    app.delete(BASE, this::delete);
    app.get(BASE + "/{id}", this::get);
  }

  /** The participant ceiling (CFG-12). */
  int ceiling() {
    return ceiling;
  }

  private void list(Context ctx) {
    Bulk.Page page = Bulk.page(ctx);
    Instant now = clock.instant();
    Wire.send(ctx, page.of(scopes.config(Requests.scope(ctx)).leaderboards()).stream().map(lb -> LeaderboardJson.admin(lb, now)).toList());
  }

  private void get(Context ctx) {
    Leaderboard lb = byId(scopes.config(Requests.scope(ctx)), ctx.pathParam("id"));
    if (lb == null) {
      throw Rejection.notFound("Leaderboard not found");
    }
    Wire.send(ctx, LeaderboardJson.admin(lb, clock.instant()));
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.createEach(
        ctx, item -> LeaderboardJson.admin(create(scope, LeaderboardItems.parse(item, ceiling)), clock.instant()));
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.updateEach(
        ctx,
        (item, id) -> LeaderboardJson.admin(update(scope, id, LeaderboardItems.parse(item, ceiling)), clock.instant()));
  }

  private void delete(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      if (!Bulk.isUuid(id)) {
        issues.add(Bulk.issueFor(id, "id must be a valid UUID"));
      } else if (delete(scope, id)) {
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(Bulk.issueFor(id, "Leaderboard not found by ID"));
      }
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  /** LB-36: validates and stores a new leaderboard. */
  public Leaderboard create(Scope scope, LeaderboardPatch patch) {
    Leaderboard lb = LeaderboardRules.create(patch, context(scope), ids.next());
    write(() -> db.write(tx -> {
      boards.insert(tx, scope, lb);
      return null;
    }));
    scopes.invalidate(scope);
    return lb;
  }

  /** LB-37, LB-38: applies an update; finishing finalises the open runs at once (LB-5). */
  public Leaderboard update(Scope scope, String id, LeaderboardPatch patch) {
    Leaderboard current = byId(scopes.config(scope), id);
    if (current == null) {
      throw Rejection.invalid("Leaderboard not found by ID");
    }
    LeaderboardRules.Update result = LeaderboardRules.update(current, patch, context(scope));
    Leaderboard next = result.next();
    if (next.equals(current)) {
      return next;
    }
    Runnable update = () -> write(() -> db.write(tx -> {
      boards.update(tx, next);
      if (result.startMoved()) {
        entries.deleteEntries(tx, id);
      }
      return null;
    }));
    if (result.startMoved()) {
      outsideLanes.accept(update); // the entries go from users' rows, which kept states hold
      rankings.dropLeaderboard(id);
    } else {
      update.run();
    }
    scopes.invalidate(scope);
    if (result.finishNow()) {
      Instant now = clock.instant();
      TreeSet<LocalDate> runs = new TreeSet<>();
      for (Board b : rankings.boards(id)) {
        runs.add(b.run());
      }
      for (LocalDate start : runs) {
        archive.finalise(scope, next, next.runContaining(start).orElse(new Run(start, next.end())), now);
      }
    }
    return next;
  }

  /** LB-39: deletes a leaderboard with its rankings and history; false if there is none. */
  public boolean delete(Scope scope, String id) {
    if (byId(scopes.config(scope), id) == null) {
      return false;
    }
    boolean[] deleted = new boolean[1];
    // the entries go from users' rows, which kept states hold
    outsideLanes.accept(() -> deleted[0] = db.write(tx -> boards.delete(tx, scope, id)));
    rankings.dropLeaderboard(id);
    archive.forget(id);
    scopes.invalidate(scope);
    return deleted[0];
  }

  /**
   * LB-2, LB-39: how a write that removes a leaderboard's entries from users' rows runs beside the
   * lanes (the user states' {@code outsideLanes}, as ATTR-5's; until set, at start, it just runs),
   * so that no kept state, nor a write computed from one, puts them back.
   */
  void runOutsideLanesWith(Consumer<Runnable> outsideLanes) {
    this.outsideLanes = outsideLanes;
  }

  private DefinitionContext context(Scope scope) {
    return new DefinitionContext(scopes.config(scope), points.apply(scope), ceiling, clock.instant());
  }

  static Leaderboard byId(ScopeConfig config, String id) {
    for (Leaderboard lb : config.leaderboards()) {
      if (lb.id().equals(id)) {
        return lb;
      }
    }
    return null;
  }

  private void write(Runnable write) {
    try {
      write.run();
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql)) {
        throw Rejection.invalid("Key already in use by another leaderboard");
      }
      throw e;
    }
  }

  /** METRIC-5: a metric ranked by a leaderboard that is not finished cannot be deleted. */
  public String metricInUse(ScopeConfig config, String metricId) {
    Instant now = clock.instant();
    for (Leaderboard lb : config.leaderboards()) {
      if (metricId.equals(lb.metricId()) && lb.status(now) != LeaderboardStatus.FINISHED) {
        return "Metric is in use by leaderboard " + lb.key();
      }
    }
    return null;
  }

  /** PTS-16: a points system a non-finished leaderboard ranks by cannot be deleted. */
  public String pointsSystemInUse(ScopeConfig config, String systemId) {
    Instant now = clock.instant();
    for (Leaderboard lb : config.leaderboards()) {
      if (systemId.equals(lb.pointsSystemId()) && lb.status(now) != LeaderboardStatus.FINISHED) {
        return "Points system is in use by leaderboard " + lb.key();
      }
    }
    return null;
  }

  /** ATTR-5: an attribute a leaderboard breaks down by cannot be deleted. */
  public static String attributeInUse(ScopeConfig config, String attributeId) {
    for (Leaderboard lb : config.leaderboards()) {
      if (lb.breakdownAttributes().contains(attributeId)) {
        return "Attribute is in use by leaderboard " + lb.key();
      }
    }
    return null;
  }
}
