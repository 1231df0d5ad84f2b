package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.admin.InUse;
import dev.laurel.server.config.ConfigApplier;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code /admin/v1/points} (PTS-14..PTS-17) and, under each system, its triggers, levels and
 * boosts. Creating a system with nested objects writes all of them or none (PTS-14).
 */
public final class PointsAdmin {
  private static final String BASE = HttpApi.ADMIN + "/points";

  private final Database db;
  private final PointsConfigRepository repository;
  private final Scopes scopes;
  private final InstantSource clock;
  private final SystemItems items;
  private final PointsFileSection fileSection;
  private final List<SystemPartAdmin<?>> parts;
  private final List<InUse> deleteGuards = new CopyOnWriteArrayList<>();

  public PointsAdmin(
      Database db,
      PointsConfigRepository repository,
      Scopes scopes,
      UserRepository users,
      InstantSource clock) {
    this.db = db;
    this.repository = repository;
    this.scopes = scopes;
    this.clock = clock;
    this.items = new SystemItems(db, repository, scopes, users, clock);
    this.fileSection = new PointsFileSection(db, repository, scopes, users, clock, items);
    this.parts =
        List.of(
            new TriggerAdmin(db, repository, scopes, clock),
            new LevelAdmin(db, repository, scopes, clock),
            new BoostAdmin(db, repository, scopes, clock, users));
  }

  /** PTS-16: refuses to delete a system other configuration ranks (e.g. a non-finished leaderboard). */
  public void addDeleteGuard(InUse guard) {
    deleteGuards.add(guard);
  }

  /** The configuration file's {@code points:} lists, applied with the admin API's rules (CFG-1). */
  public ConfigApplier.Section fileSection() {
    return fileSection;
  }

  public void register(Javalin app) {
    app.get(BASE, this::list);
    app.post(BASE, this::create);
    app.patch(BASE, this::update);
    app.delete(BASE, this::delete);
    app.get(BASE + "/{id}", this::get);
    parts.forEach(p -> p.register(app));
  }

  private void list(Context ctx) {
    Bulk.Page page = Bulk.page(ctx);
    List<SystemConfig> systems = scopes.config(Requests.scope(ctx)).points().systems();
    Wire.send(ctx, page.of(systems).stream().map(s -> PointsAdminJson.system(s.system())).toList());
  }

  private void get(Context ctx) {
    String id = ctx.pathParam("id");
    SystemConfig s = Bulk.isUuid(id) ? scopes.config(Requests.scope(ctx)).points().byId(id) : null;
    if (s == null) {
      throw Rejection.notFound("Points system not found");
    }
    Wire.send(ctx, PointsAdminJson.system(s.system()));
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<JsonNode> body = Bulk.items(ctx, Bulk.MAX_ITEMS);
    List<Object> created = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      try {
        created.add(items.create(scope, body.get(i), UUID.randomUUID().toString()));
      } catch (Rejection r) {
        issues.add(Bulk.issueAt(i, r.getMessage()));
      }
    }
    Bulk.created(ctx, created, issues);
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<JsonNode> body = Bulk.items(ctx, Bulk.MAX_ITEMS);
    List<Object> updated = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (JsonNode item : body) {
      String id = item.path("id").isTextual() ? item.get("id").textValue() : null;
      try {
        PointsSystem system = items.update(scope, item, id);
        updated.add(PointsAdminJson.system(system));
      } catch (Rejection r) {
        issues.add(Bulk.issueFor(id, r.getMessage()));
      }
    }
    Wire.send(ctx, Wire.obj().with("updated", updated).with("issues", issues));
  }

  private void delete(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      if (!Bulk.isUuid(id)) {
        issues.add(Bulk.issueFor(id, "id must be a valid UUID"));
        continue;
      }
      String inUse = inUse(scopes.config(scope), id);
      if (inUse != null) {
        issues.add(Bulk.issueFor(id, inUse));
        continue;
      }
      boolean archived = db.write(tx -> repository.archive(tx, scope, PointsConfigRepository.Table.SYSTEMS, null, id));
      scopes.invalidate(scope);
      if (archived) {
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(Bulk.issueFor(id, "Points system not found by ID"));
      }
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  private String inUse(ScopeConfig config, String id) {
    for (InUse guard : deleteGuards) {
      String message = guard.usedBy(config, id);
      if (message != null) {
        return message;
      }
    }
    return null;
  }
}
