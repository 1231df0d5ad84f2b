package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.StoreException;
import dev.laurel.store.Tx;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin endpoints of one kind of object under {@code /points/{systemId}/…} — triggers, levels,
 * boosts — with the bulk conventions: ADM-7 (unknown system → 404 before the body), ADM-3 lists,
 * ADM-4 per-item atomicity in array order, ADM-5 issues, ADM-6 deletes, ADM-8 gets.
 */
abstract class SystemPartAdmin<T> {
  protected final Database db;
  protected final PointsConfigRepository repository;
  protected final Scopes scopes;
  protected final InstantSource clock;

  SystemPartAdmin(Database db, PointsConfigRepository repository, Scopes scopes, InstantSource clock) {
    this.db = db;
    this.repository = repository;
    this.scopes = scopes;
    this.clock = clock;
  }

  /** Path segment: {@code triggers}, {@code levels}, {@code boosts}. */
  abstract String segment();

  /** ADM-10 object name: {@code Points trigger}, {@code Level}, {@code Points boost}. */
  abstract String noun();

  abstract PointsConfigRepository.Table table();

  /** The live objects of a system in list order. */
  abstract List<T> live(SystemConfig system);

  abstract String id(T object);

  abstract Wire.Obj json(T object);

  abstract T create(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item);

  abstract T update(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item, T current);

  abstract void insert(Tx tx, Scope scope, T object) throws SQLException;

  abstract void save(Tx tx, Scope scope, T object) throws SQLException;

  /** The message when a unique index refuses an insert or update that lost a race. */
  String conflict() {
    return "Key already in use by another " + noun().toLowerCase(java.util.Locale.ROOT);
  }

  Wire.Obj issueFor(String id, String message) {
    return Bulk.issueFor(id, message);
  }

  void register(Javalin app) {
    String base = HttpApi.ADMIN + "/points/{systemId}/" + segment();
    app.get(base, this::list);
    app.post(base, this::create);
    app.patch(base, this::update);
    app.delete(base, this::delete);
    app.get(base + "/{id}", this::get);
  }

  /** ADM-7: the path's system, or 404 before anything else is looked at. */
  static SystemConfig system(Scopes scopes, Scope scope, String systemId) {
    SystemConfig system = Bulk.isUuid(systemId) ? scopes.config(scope).points().byId(systemId) : null;
    if (system == null) {
      throw Rejection.notFound("Points system not found");
    }
    return system;
  }

  private SystemConfig system(Context ctx) {
    return system(scopes, Requests.scope(ctx), ctx.pathParam("systemId"));
  }

  private void list(Context ctx) {
    SystemConfig system = system(ctx);
    Bulk.Page page = Bulk.page(ctx);
    Wire.send(ctx, page.of(live(system)).stream().map(this::json).toList());
  }

  private void get(Context ctx) {
    T found = find(system(ctx), ctx.pathParam("id"));
    if (found == null) {
      throw Rejection.notFound(noun() + " not found");
    }
    Wire.send(ctx, json(found));
  }

  private T find(SystemConfig system, String id) {
    for (T object : live(system)) {
      if (id(object).equals(id)) {
        return object;
      }
    }
    return null;
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    system(ctx);
    List<JsonNode> items = Bulk.items(ctx, Bulk.MAX_ITEMS);
    List<Object> created = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ScopeConfig config = scopes.config(scope);
      SystemConfig system = system(scopes, scope, ctx.pathParam("systemId"));
      try {
        T object = create(scope, config, system, items.get(i));
        write(scope, tx -> insert(tx, scope, object));
        created.add(json(object));
      } catch (Rejection r) {
        issues.add(Bulk.issueAt(i, r.getMessage()));
      }
    }
    Bulk.created(ctx, created, issues);
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    system(ctx);
    List<JsonNode> items = Bulk.items(ctx, Bulk.MAX_ITEMS);
    List<Object> updated = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (JsonNode item : items) {
      String id = item.path("id").isTextual() ? item.get("id").textValue() : null;
      try {
        if (id == null) {
          throw Rejection.invalid("id is required");
        }
        ScopeConfig config = scopes.config(scope);
        SystemConfig system = system(scopes, scope, ctx.pathParam("systemId"));
        T current = find(system, id);
        if (current == null) {
          throw Rejection.invalid(noun() + " not found by ID");
        }
        T object = update(scope, config, system, item, current);
        if (!object.equals(current)) {
          write(scope, tx -> save(tx, scope, object));
        }
        updated.add(json(object));
      } catch (Rejection r) {
        issues.add(issueFor(id, r.getMessage()));
      }
    }
    Wire.send(ctx, Wire.obj().with("updated", updated).with("issues", issues));
  }

  private void delete(Context ctx) {
    Scope scope = Requests.scope(ctx);
    SystemConfig system = system(ctx);
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      if (!Bulk.isUuid(id)) {
        issues.add(issueFor(id, "id must be a valid UUID"));
        continue;
      }
      boolean archived = db.write(tx -> repository.archive(tx, scope, table(), system.id(), id));
      if (archived) {
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(issueFor(id, noun() + " not found by ID"));
      }
    }
    scopes.invalidate(scope);
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  /** A write that returns nothing. */
  @FunctionalInterface
  interface Write {
    void run(Tx tx) throws SQLException;
  }

  /** Writes one item; a unique index refusing it becomes the item's issue (ADM-4). */
  void write(Scope scope, Write work) {
    try {
      db.write(
          tx -> {
            work.run(tx);
            return null;
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql)) {
        throw Rejection.invalid(conflict());
      }
      throw e;
    } finally {
      scopes.invalidate(scope);
    }
  }
}
