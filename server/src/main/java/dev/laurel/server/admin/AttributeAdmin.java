package dev.laurel.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Admin attributes (ATTR-1..ATTR-5, ATTR-12). */
public final class AttributeAdmin {
  private static final String BASE = HttpApi.ADMIN + "/attributes";

  private final Database db;
  private final ConfigRepository config;
  private final Scopes scopes;
  private final InstantSource clock;
  private final List<InUse> guards = new CopyOnWriteArrayList<>();
  private volatile Consumer<Runnable> outsideLanes = Runnable::run;

  public AttributeAdmin(Database db, ConfigRepository config, Scopes scopes, InstantSource clock) {
    this.db = db;
    this.config = config;
    this.scopes = scopes;
    this.clock = clock;
  }

  /** METRIC-5 / ATTR-5: refuses to delete a attribute that other configuration references. */
  public void addGuard(InUse guard) {
    guards.add(guard);
  }

  /**
   * ATTR-5: how a write that drops users' attribute values runs beside the lanes (the user states'
   * {@code outsideLanes}, once they exist; until then, at start, it just runs).
   */
  public void runOutsideLanesWith(Consumer<Runnable> outsideLanes) {
    this.outsideLanes = outsideLanes;
  }

  public void register(Javalin app) {
    app.get(BASE, this::list);
    app.post(BASE, this::create);
    app.patch(BASE, this::update);
    app.delete(BASE, this::delete);
    app.get(BASE + "/{id}", this::get);
  }

  /** AdminAttribute. */
  static Wire.Obj json(AttributeDef a) {
    return Wire.obj().with("id", a.id()).with("name", a.name()).with("key", a.key()).with("type", a.type().wire());
  }

  private AttributeDef find(Scope scope, String id) {
    return scopes.config(scope).attributes().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
  }

  private void list(Context ctx) {
    Bulk.Page page = Bulk.page(ctx);
    Wire.send(ctx, page.of(scopes.config(Requests.scope(ctx)).attributes()).stream().map(AttributeAdmin::json).toList());
  }

  private void get(Context ctx) {
    AttributeDef a = find(Requests.scope(ctx), ctx.pathParam("id"));
    if (a == null) {
      throw Rejection.notFound("Attribute not found");
    }
    Wire.send(ctx, json(a));
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.createEach(ctx, item -> json(create(scope, item)));
  }

  /** ATTR-3: one attribute; keys are unique per type (ATTR-2). */
  public AttributeDef create(Scope scope, JsonNode item) {
    if (!item.isObject()) {
      throw Rejection.invalid("item must be an object");
    }
    String problem = Bulk.nameProblem(item, "name");
    if (problem == null) {
      problem = Bulk.keyProblem(item);
    }
    if (problem != null) {
      throw Rejection.invalid(problem);
    }
    JsonNode t = item.get("type");
    AttributeType type = t != null && t.isTextual() ? AttributeType.fromWire(t.textValue()) : null;
    if (type == null) {
      throw Rejection.invalid("type must be one of user, event");
    }
    String key = item.get("key").textValue();
    boolean taken =
        scopes.config(scope).attributes().stream().anyMatch(a -> a.type() == type && a.key().equals(key));
    String conflict = "Key already in use by another attribute of this type";
    if (taken) {
      throw Rejection.invalid(conflict);
    }
    AttributeDef def = new AttributeDef(UUID.randomUUID().toString(), key, item.get("name").textValue(), type);
    Unique.write(db, conflict, tx -> config.insertAttribute(tx, scope, def, clock.instant()));
    scopes.invalidate(scope);
    return def;
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.updateEach(ctx, (item, id) -> json(rename(scope, item, id)));
  }

  /** ATTR-4: only the name can change. */
  public AttributeDef rename(Scope scope, JsonNode item, String id) {
    if (id == null) {
      throw Rejection.invalid("id is required");
    }
    AttributeDef current = find(scope, id);
    if (current == null) {
      throw Rejection.invalid("Attribute not found by ID");
    }
    if (!item.has("name") || item.get("name").isNull()) {
      return current;
    }
    String problem = Bulk.nameProblem(item, "name");
    if (problem != null) {
      throw Rejection.invalid(problem);
    }
    AttributeDef renamed = new AttributeDef(id, current.key(), item.get("name").textValue(), current.type());
    db.write(
        tx -> {
          config.renameAttribute(tx, scope, id, renamed.name());
          return null;
        });
    scopes.invalidate(scope);
    return renamed;
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
      AttributeDef current = find(scope, id);
      if (current == null) {
        issues.add(Bulk.issueFor(id, "Attribute not found by ID"));
        continue;
      }
      var achievement = scopes.config(scope).achievements().usingAttribute(id);
      if (achievement != null) {
        issues.add(Bulk.issueFor(id, "Attribute is in use by achievement " + achievement.key()));
        continue;
      }
      String inUse = inUse(scope, id);
      if (inUse != null) {
        issues.add(Bulk.issueFor(id, inUse));
        continue;
      }
      Runnable archive = () -> db.write(
          tx -> {
            config.archive(tx, scope, "attributes", id);
            if (current.type() == AttributeType.USER) {
              config.removeUserAttributeValues(tx, scope, current.key());
            }
            return null;
          });
      if (current.type() == AttributeType.USER) {
        outsideLanes.accept(archive); // users' kept states hold the values being dropped
      } else {
        archive.run();
      }
      scopes.invalidate(scope);
      deleted.add(Wire.obj().with("id", id));
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  private String inUse(Scope scope, String id) {
    for (InUse guard : guards) {
      String message = guard.usedBy(scopes.config(scope), id);
      if (message != null) {
        return message;
      }
    }
    return null;
  }
}
