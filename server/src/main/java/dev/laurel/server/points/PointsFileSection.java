package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.engine.points.TriggerStatus;
import dev.laurel.server.config.ConfigApplier;
import dev.laurel.server.config.ConfigFile;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.UserRepository;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a tenant's {@code points:} list (CFG-1): systems matched by key, levels by key, boosts by
 * name (and user), triggers by what they reward ({@link PointsFile#identity}); missing objects are
 * created, changed ones updated, absent ones archived only with {@code prune: true}. Applying
 * never awards points: activation anchors schedules at the moment of applying and accumulators
 * start empty (CFG-17, TRIG-7, TRIG-13).
 */
final class PointsFileSection implements ConfigApplier.Section {
  private final Database db;
  private final PointsConfigRepository repository;
  private final Scopes scopes;
  private final UserRepository users;
  private final InstantSource clock;
  private final SystemItems systems;

  PointsFileSection(
      Database db,
      PointsConfigRepository repository,
      Scopes scopes,
      UserRepository users,
      InstantSource clock,
      SystemItems systems) {
    this.db = db;
    this.repository = repository;
    this.scopes = scopes;
    this.users = users;
    this.clock = clock;
    this.systems = systems;
  }

  @Override
  public int apply(Scope scope, ConfigFile.TenantSpec tenant, boolean prune, String path, List<String> problems) {
    int changes = 0;
    Set<String> wanted = new HashSet<>();
    for (int i = 0; i < tenant.points().size(); i++) {
      JsonNode item = tenant.points().get(i);
      String at = path + ".points[" + i + "]";
      wanted.add(item.path("key").asText());
      try {
        SystemConfig current = scopes.config(scope).points().byKey(item.path("key").asText());
        changes += current == null ? create(scope, item) : update(scope, current, item, prune);
      } catch (Rejection r) {
        problems.add(at + ": " + r.getMessage());
      }
    }
    if (prune) {
      for (SystemConfig s : scopes.config(scope).points().systems()) {
        if (!wanted.contains(s.key())) {
          changes += archive(scope, PointsConfigRepository.Table.SYSTEMS, null, s.id());
        }
      }
    }
    return changes;
  }

  private int create(Scope scope, JsonNode item) {
    ScopeConfig config = scopes.config(scope);
    ObjectNode admin = PointsFile.system(item);
    admin.set("levels", array(item, "levels", l -> PointsFile.level(l)));
    admin.set("boosts", array(item, "boosts", b -> PointsFile.boost(b, config)));
    admin.set("triggers", array(item, "triggers", t -> PointsFile.trigger(t, config)));
    systems.create(scope, admin, UUID.randomUUID().toString());
    return 1;
  }

  private int update(Scope scope, SystemConfig current, JsonNode item, boolean prune) {
    ObjectNode admin = PointsFile.system(item);
    int changes = systems.update(scope, admin, current.id()).equals(current.system()) ? 0 : 1;
    changes += levels(scope, item, prune);
    changes += boosts(scope, item, prune);
    changes += triggers(scope, item, prune);
    return changes;
  }

  private int levels(Scope scope, JsonNode item, boolean prune) {
    int changes = 0;
    Set<String> wanted = new HashSet<>();
    List<JsonNode> fileLevels = nested(item, "levels");
    for (int i = 0; i < fileLevels.size(); i++) {
      JsonNode fileLevel = fileLevels.get(i);
      SystemConfig system = system(scope, item);
      wanted.add(fileLevel.path("key").asText());
      Level existing = system.levels().stream().filter(l -> l.key().equals(fileLevel.path("key").asText())).findFirst().orElse(null);
      List<Level> others = system.levels().stream().filter(l -> l != existing).toList();
      Level desired = at("levels", i, () -> LevelItems.create(PointsFile.level(fileLevel), system.id(),
          existing == null ? UUID.randomUUID().toString() : existing.id(),
          existing == null ? clock.instant() : existing.created(), others));
      if (existing == null) {
        write(scope, tx -> repository.insertLevel(tx, scope, desired));
        changes++;
      } else if (!desired.equals(existing)) {
        write(scope, tx -> repository.updateLevel(tx, scope, desired));
        changes++;
      }
    }
    if (prune) {
      for (Level l : system(scope, item).levels()) {
        if (!wanted.contains(l.key())) {
          changes += archive(scope, PointsConfigRepository.Table.LEVELS, l.systemId(), l.id());
        }
      }
    }
    return changes;
  }

  private int boosts(Scope scope, JsonNode item, boolean prune) {
    int changes = 0;
    Set<String> kept = new HashSet<>();
    List<JsonNode> fileBoosts = nested(item, "boosts");
    for (int i = 0; i < fileBoosts.size(); i++) {
      JsonNode fileBoost = fileBoosts.get(i);
      SystemConfig system = system(scope, item);
      ScopeConfig config = scopes.config(scope);
      String handle = PointsFile.boostIdentity(fileBoost);
      Boost existing =
          system.boosts().stream()
              .filter(b -> (b.name() + "|" + (b.userId() == null ? "" : b.userId())).equals(handle))
              .findFirst().orElse(null);
      Boost desired = at("boosts", i, () -> BoostItems.create(PointsFile.boost(fileBoost, config), system.id(),
          existing == null ? UUID.randomUUID().toString() : existing.id(),
          existing == null ? clock.instant() : existing.created(), config, u -> users.profile(scope, u) != null));
      kept.add(desired.id());
      if (existing == null) {
        write(scope, tx -> repository.insertBoost(tx, scope, desired));
        changes++;
      } else if (!desired.equals(existing)) {
        write(scope, tx -> repository.updateBoost(tx, scope, desired));
        changes++;
      }
    }
    if (prune) {
      for (Boost b : system(scope, item).boosts()) {
        if (!kept.contains(b.id())) {
          changes += archive(scope, PointsConfigRepository.Table.BOOSTS, b.systemId(), b.id());
        }
      }
    }
    return changes;
  }

  private int triggers(Scope scope, JsonNode item, boolean prune) {
    int changes = 0;
    Set<String> kept = new HashSet<>();
    List<JsonNode> fileTriggers = nested(item, "triggers");
    for (int i = 0; i < fileTriggers.size(); i++) {
      JsonNode fileTrigger = fileTriggers.get(i);
      SystemConfig system = system(scope, item);
      ScopeConfig config = scopes.config(scope);
      TriggerItems parser = new TriggerItems(config);
      ObjectNode admin = at("triggers", i, () -> PointsFile.trigger(fileTrigger, config));
      Trigger probe = at("triggers", i, () -> parser.create(admin, system.id(), "probe", clock.instant()));
      Trigger existing =
          system.triggers().stream()
              .filter(t -> t.status() != TriggerStatus.ARCHIVED && !kept.contains(t.id()) && sameReward(t, probe))
              .findFirst().orElse(null);
      if (existing == null) {
        Trigger created = at("triggers", i, () -> parser.create(admin, system.id(), UUID.randomUUID().toString(), clock.instant()));
        write(scope, tx -> repository.insertTrigger(tx, scope, created));
        kept.add(created.id());
        changes++;
      } else {
        kept.add(existing.id());
        Trigger updated = at("triggers", i, () -> parser.update(admin, existing, clock.instant()));
        if (!updated.equals(existing)) {
          write(scope, tx -> repository.updateTrigger(tx, scope, updated));
          changes++;
        }
      }
    }
    if (prune) {
      for (Trigger t : system(scope, item).triggers()) {
        if (t.status() != TriggerStatus.ARCHIVED && !kept.contains(t.id())) {
          changes += archive(scope, PointsConfigRepository.Table.TRIGGERS, t.systemId(), t.id());
        }
      }
    }
    return changes;
  }

  /** {@link PointsFile#identity} on stored values: the threshold and amounts may change in place. */
  private static boolean sameReward(Trigger a, Trigger b) {
    if (a.rule() instanceof TriggerRule.Metric x && b.rule() instanceof TriggerRule.Metric y) {
      return x.metricId().equals(y.metricId()) && x.eventAttributes().equals(y.eventAttributes());
    }
    return a.rule().equals(b.rule());
  }

  private SystemConfig system(Scope scope, JsonNode item) {
    return scopes.config(scope).points().byKey(item.path("key").asText());
  }

  private static List<JsonNode> nested(JsonNode item, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode v = item.get(field);
    if (v != null && v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode array(
      JsonNode item, String field, java.util.function.Function<JsonNode, JsonNode> convert) {
    var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    List<JsonNode> items = nested(item, field);
    for (int i = 0; i < items.size(); i++) {
      JsonNode n = items.get(i);
      out.add(at(field, i, () -> convert.apply(n)));
    }
    return out;
  }

  /** A nested object's problem, prefixed with its place, e.g. {@code triggers[1]: …} (as PTS-14). */
  private static <T> T at(String field, int index, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (Rejection r) {
      throw Rejection.invalid(field + "[" + index + "]: " + r.getMessage());
    }
  }

  private int archive(Scope scope, PointsConfigRepository.Table table, String systemId, String id) {
    boolean archived = db.write(tx -> repository.archive(tx, scope, table, systemId, id));
    scopes.invalidate(scope);
    return archived ? 1 : 0;
  }

  private void write(Scope scope, SystemPartAdmin.Write work) {
    db.write(tx -> {
      work.run(tx);
      return null;
    });
    scopes.invalidate(scope);
  }

}
