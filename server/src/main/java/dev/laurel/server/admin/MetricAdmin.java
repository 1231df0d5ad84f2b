package dev.laurel.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.metric.Metric.UnitType;
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
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Admin metrics (METRIC-1..METRIC-5, METRIC-10): each item applied on its own (ADM-4). */
public final class MetricAdmin {
  private static final String BASE = HttpApi.ADMIN + "/metrics";

  private final Database db;
  private final ConfigRepository config;
  private final Scopes scopes;
  private final InstantSource clock;
  private final List<InUse> guards = new CopyOnWriteArrayList<>();

  public MetricAdmin(Database db, ConfigRepository config, Scopes scopes, InstantSource clock) {
    this.db = db;
    this.config = config;
    this.scopes = scopes;
    this.clock = clock;
  }

  /** METRIC-5 / ATTR-5: refuses to delete a metric that other configuration references. */
  public void addGuard(InUse guard) {
    guards.add(guard);
  }

  public void register(Javalin app) {
    app.get(BASE, this::list);
    app.post(BASE, this::create);
    app.patch(BASE, this::update);
    app.delete(BASE, this::delete);
    app.get(BASE + "/{id}", this::get);
  }

  /** CreatedMetric. */
  static Wire.Obj json(Metric m) {
    return Wire.obj()
        .with("id", m.id())
        .with("name", m.name())
        .with("key", m.key())
        .with("unitType", m.unitType().wire())
        .with("units", m.units());
  }

  private void list(Context ctx) {
    Bulk.Page page = Bulk.page(ctx);
    Wire.send(ctx, page.of(scopes.config(Requests.scope(ctx)).metrics()).stream().map(MetricAdmin::json).toList());
  }

  private void get(Context ctx) {
    Metric m = scopes.config(Requests.scope(ctx)).metricById(ctx.pathParam("id"));
    if (m == null) {
      throw Rejection.notFound("Metric not found");
    }
    Wire.send(ctx, json(m));
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.createEach(ctx, item -> json(create(scope, item)));
  }

  /** Validates and creates one metric (METRIC-3); a refusal is that item's issue. */
  public Metric create(Scope scope, JsonNode item) {
    if (!item.isObject()) {
      throw Rejection.invalid("item must be an object");
    }
    problem(Bulk.nameProblem(item, "name"));
    problem(Bulk.keyProblem(item));
    String key = item.get("key").textValue();
    UnitType unitType = unitType(item, UnitType.NUMBER);
    String units = units(item, unitType, null);
    if (scopes.config(scope).metricByKey(key) != null) {
      throw Rejection.invalid("Key already in use by another metric");
    }
    Metric metric = new Metric(UUID.randomUUID().toString(), key, item.get("name").textValue(), unitType, units);
    Unique.write(
        db,
        "Key already in use by another metric",
        tx -> config.insertMetric(tx, scope, metric, clock.instant()));
    scopes.invalidate(scope);
    return metric;
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.updateEach(ctx, (item, id) -> json(update(scope, item, id)));
  }

  /** METRIC-4: name, unit type and units may change; the key never does. */
  public Metric update(Scope scope, JsonNode item, String id) {
    if (id == null) {
      throw Rejection.invalid("id is required");
    }
    Metric current = scopes.config(scope).metricById(id);
    if (current == null) {
      throw Rejection.invalid("Metric not found by ID");
    }
    String name = current.name();
    if (item.has("name") && !item.get("name").isNull()) {
      problem(Bulk.nameProblem(item, "name"));
      name = item.get("name").textValue();
    }
    UnitType unitType = unitType(item, current.unitType());
    String units = units(item, unitType, current.units());
    Metric metric = new Metric(id, current.key(), name, unitType, units);
    if (!metric.equals(current)) {
      db.write(
          tx -> {
            config.updateMetric(tx, scope, metric);
            return null;
          });
      scopes.invalidate(scope);
    }
    return metric;
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
      String inUse = inUse(scope, id);
      if (inUse != null) {
        issues.add(Bulk.issueFor(id, inUse));
        continue;
      }
      boolean archived = db.write(tx -> config.archive(tx, scope, "metrics", id));
      if (archived) {
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(Bulk.issueFor(id, "Metric not found by ID"));
      }
    }
    scopes.invalidate(scope);
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  /**
   * METRIC-5: why the metric may not be deleted ({@code Metric is in use by <kind> <key>}), or null
   * when nothing references it.
   */
  public String inUse(Scope scope, String metricId) {
    ScopeConfig snapshot = scopes.config(scope);
    var achievement = snapshot.achievements().usingMetric(metricId);
    if (achievement != null) {
      return "Metric is in use by achievement " + achievement.key();
    }
    boolean streak = snapshot.streak().metrics().stream().anyMatch(m -> m.metricId().equals(metricId));
    if (streak) {
      return "Metric is in use by streak configuration";
    }
    for (InUse guard : guards) {
      String message = guard.usedBy(snapshot, metricId);
      if (message != null) {
        return message;
      }
    }
    return null;
  }

  /** The unitType/units problem of a new metric item, or null (METRIC-2). */
  public static String unitsProblem(JsonNode item) {
    try {
      units(item, unitType(item, UnitType.NUMBER), null);
      return null;
    } catch (Rejection r) {
      return r.getMessage();
    }
  }

  private static UnitType unitType(JsonNode item, UnitType fallback) {
    JsonNode v = item.get("unitType");
    if (v == null || v.isNull()) {
      return fallback;
    }
    UnitType t = v.isTextual() ? UnitType.fromWire(v.textValue()) : null;
    if (t == null) {
      throw Rejection.invalid("unitType must be one of number, currency");
    }
    return t;
  }

  /** METRIC-2: free label for numbers ({@code ""} when absent), ISO 4217 code for currency. */
  private static String units(JsonNode item, UnitType unitType, String stored) {
    JsonNode v = item.get("units");
    String units = v == null || v.isNull() ? stored : v.isTextual() ? v.textValue() : null;
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw Rejection.invalid("units must be a string");
    }
    if (unitType == UnitType.NUMBER) {
      return units == null ? "" : units;
    }
    if (units == null || !isCurrency(units)) {
      throw Rejection.invalid("units must be a supported currency code");
    }
    return units;
  }

  private static boolean isCurrency(String code) {
    if (!code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void problem(String message) {
    if (message != null) {
      throw Rejection.invalid(message);
    }
  }
}
