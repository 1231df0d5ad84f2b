package dev.laurel.server.points;

import static dev.laurel.server.points.Fields.issue;
import static dev.laurel.server.points.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.Trigger;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.StoreException;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Points system items (PTS-14, PTS-15): validation and writes, used by the admin API and the
 * configuration file alike (CFG-1).
 */
public final class SystemItems {
  private static final String SYSTEM_KEY_IN_USE = "Key already in use by another points system";

  private final Database db;
  private final PointsConfigRepository repository;
  private final Scopes scopes;
  private final UserRepository users;
  private final InstantSource clock;

  SystemItems(
      Database db,
      PointsConfigRepository repository,
      Scopes scopes,
      UserRepository users,
      InstantSource clock) {
    this.db = db;
    this.repository = repository;
    this.scopes = scopes;
    this.users = users;
    this.clock = clock;
  }

  /**
   * PTS-14: a system with its nested levels, boosts and triggers, all written in one transaction
   * or none; a nested failure is the system's issue, prefixed by its path. Returns
   * CreatedAdminPointsSystem.
   */
  public Wire.Obj create(Scope scope, JsonNode item, String id) {
    if (!item.isObject()) {
      throw issue("item must be an object");
    }
    problem(Bulk.nameProblem(item, "name"));
    problem(Bulk.keyProblem(item));
    String key = item.get("key").textValue();
    String description = Fields.string(item, "description");
    String badge = present(item, "badge") ? Fields.badgeUrl(item) : null;
    Long maxPoints = maxPoints(item);
    ScopeConfig config = scopes.config(scope);
    if (config.points().byKey(key) != null) {
      throw issue(SYSTEM_KEY_IN_USE);
    }
    Instant now = clock.instant();
    PointsSystem system = new PointsSystem(id, key, item.get("name").textValue(), description, badge, maxPoints, now);
    List<Level> levels = new ArrayList<>();
    for (JsonNode level : nested(item, "levels")) {
      levels.add(at("levels", levels.size(), () -> LevelItems.create(level, id, uuid(), now, levels)));
    }
    List<Boost> boosts = new ArrayList<>();
    for (JsonNode boost : nested(item, "boosts")) {
      boosts.add(at("boosts", boosts.size(),
          () -> BoostItems.create(boost, id, uuid(), now, config, u -> users.profile(scope, u) != null)));
    }
    TriggerItems triggerItems = new TriggerItems(config);
    List<Trigger> triggers = new ArrayList<>();
    for (JsonNode trigger : nested(item, "triggers")) {
      triggers.add(at("triggers", triggers.size(), () -> triggerItems.create(trigger, id, uuid(), now)));
    }
    write(scope, () -> db.write(tx -> {
      repository.insertSystem(tx, scope, system);
      for (Level l : levels) {
        repository.insertLevel(tx, scope, l);
      }
      for (Boost b : boosts) {
        repository.insertBoost(tx, scope, b);
      }
      for (Trigger t : triggers) {
        repository.insertTrigger(tx, scope, t);
      }
      return null;
    }));
    Wire.Obj out = PointsAdminJson.system(system);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (item.has("levels")) {
      out.with("levels", new SystemConfig(system, List.of(), levels, List.of()).levels().stream().map(l -> (Object) PointsAdminJson.level(l)).toList());
    }
    if (item.has("boosts")) {
      out.with("boosts", boosts.stream().map(b -> (Object) PointsAdminJson.boost(b, today)).toList());
    }
    if (item.has("triggers")) {
      out.with("triggers", triggers.stream().map(t -> (Object) PointsAdminJson.trigger(t)).toList());
    }
    return out;
  }

  /** PTS-15: name, description, badge and maxPoints; {@code badge}/{@code maxPoints: null} remove them. */
  public PointsSystem update(Scope scope, JsonNode item, String id) {
    if (id == null) {
      throw issue("id is required");
    }
    SystemConfig current = Bulk.isUuid(id) ? scopes.config(scope).points().byId(id) : null;
    if (current == null) {
      throw issue("Points system not found by ID");
    }
    PointsSystem s = current.system();
    String name = s.name();
    if (present(item, "name")) {
      problem(Bulk.nameProblem(item, "name"));
      name = item.get("name").textValue();
    }
    String description = present(item, "description") ? Fields.string(item, "description") : s.description();
    String badge = s.badgeUrl();
    if (item.has("badge")) {
      badge = item.get("badge").isNull() ? null : Fields.badgeUrl(item);
    }
    Long maxPoints = item.has("maxPoints") ? maxPoints(item) : s.maxPoints();
    PointsSystem next = new PointsSystem(s.id(), s.key(), name, description, badge, maxPoints, s.created());
    if (!next.equals(s)) {
      write(scope, () -> db.write(tx -> {
        repository.updateSystem(tx, scope, next);
        return null;
      }));
    }
    return next;
  }

  private static Long maxPoints(JsonNode item) {
    if (!present(item, "maxPoints")) {
      return null;
    }
    return Fields.integer(item, "maxPoints", 1, Long.MAX_VALUE, "maxPoints must be an integer >= 1 or null");
  }

  private static List<JsonNode> nested(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw issue(field + " must be an array");
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  /** PTS-14: a nested item's problem, prefixed with its path, e.g. {@code triggers[1]: …}. */
  private static <T> T at(String field, int index, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (Rejection r) {
      throw issue(field + "[" + index + "]: " + r.getMessage());
    }
  }

  private void write(Scope scope, Runnable work) {
    try {
      work.run();
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql)) {
        throw issue(SYSTEM_KEY_IN_USE);
      }
      throw e;
    } finally {
      scopes.invalidate(scope);
    }
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static void problem(String message) {
    if (message != null) {
      throw issue(message);
    }
  }
}
