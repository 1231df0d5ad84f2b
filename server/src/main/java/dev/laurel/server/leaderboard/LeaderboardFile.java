package dev.laurel.server.leaderboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardPatch;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.PointsSystemRef;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.engine.metric.Metric;
import dev.laurel.server.config.ConfigApplier;
import dev.laurel.server.config.ConfigFile;
import dev.laurel.server.scope.Scopes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@code leaderboards:} list of a tenant in the configuration file (CFG-1, CFG-18): the admin
 * item's fields, with references by key ({@code metric}, {@code pointsSystem}, {@code
 * breakdownAttributes: [plan]}). Checked whole before anything is applied, then matched by key and
 * applied through {@link LeaderboardAdmin}, so both surfaces validate alike.
 */
public final class LeaderboardFile implements ConfigApplier.Section {
  /** The keys a leaderboard item may have (CFG-15). */
  public static final Set<String> KEYS =
      Set.of("key", "name", "description", "status", "rankBy", "metric", "pointsSystem", "maxParticipants",
          "start", "end", "startTime", "endTime", "breakdownAttributes", "runUnit", "runInterval");

  private final LeaderboardAdmin admin;
  private final Scopes scopes;
  private final Function<Scope, PointsSystems> points;
  private final InstantSource clock;

  LeaderboardFile(LeaderboardAdmin admin, Scopes scopes, Function<Scope, PointsSystems> points, InstantSource clock) {
    this.admin = admin;
    this.scopes = scopes;
    this.points = points;
    this.clock = clock;
  }

  /** Checks the items' shapes; {@code problem} receives (path, message). */
  public static void check(List<JsonNode> items, String path, BiConsumer<String, String> problem) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String at = path + "[" + i + "]";
      for (String required : List.of("key", "name", "rankBy")) {
        if (!item.path(required).isTextual()) {
          problem.accept(at + "." + required, "is required and must be a string");
        }
      }
      if (!keys.add(item.path("key").asText())) {
        problem.accept(at + ".key", "duplicate leaderboard key " + item.path("key").asText());
      }
      for (String ref : List.of("metric", "pointsSystem")) {
        if (item.has(ref) && !item.get(ref).isTextual()) {
          problem.accept(at + "." + ref, "must be a key (a string)");
        }
      }
      JsonNode breakdown = item.get("breakdownAttributes");
      if (breakdown != null && (!breakdown.isArray() || !allText(breakdown))) {
        problem.accept(at + ".breakdownAttributes", "must be a list of user attribute keys");
      }
      try {
        LeaderboardItems.parse(withoutReferences(item), Integer.MAX_VALUE);
      } catch (Rejection r) {
        problem.accept(at, r.getMessage());
      }
    }
  }

  @Override
  public int apply(Scope scope, ConfigFile.TenantSpec tenant, boolean prune, String path, List<String> problems) {
    int changes = 0;
    Set<String> wanted = new HashSet<>();
    for (int i = 0; i < tenant.leaderboards().size(); i++) {
      JsonNode item = tenant.leaderboards().get(i);
      String at = path + ".leaderboards[" + i + "]";
      String key = item.get("key").textValue();
      wanted.add(key);
      try {
        changes += applyOne(scope, item, key) ? 1 : 0;
      } catch (Rejection r) {
        problems.add(at + ": " + r.getMessage());
      }
    }
    if (prune) {
      for (Leaderboard lb : scopes.config(scope).leaderboards()) {
        if (!wanted.contains(lb.key()) && admin.delete(scope, lb.id())) {
          changes++;
        }
      }
    }
    return changes;
  }

  private boolean applyOne(Scope scope, JsonNode item, String key) {
    ScopeConfig config = scopes.config(scope);
    ObjectNode node = resolve(item, config, points.apply(scope));
    Leaderboard current = config.leaderboards().stream().filter(lb -> lb.key().equals(key)).findFirst().orElse(null);
    if (current == null) {
      admin.create(scope, LeaderboardItems.parse(node, admin.ceiling()));
      return true;
    }
    Instant now = clock.instant();
    LeaderboardStatus effective = current.status(now);
    LeaderboardStatus wanted = LeaderboardStatus.fromWire(node.path("status").asText(""));
    boolean sameEnd = !node.has("end") || node.get("end").asText("").equals(String.valueOf(current.end()));
    if (wanted != null
        && (family(wanted) == family(effective)
            || (effective == LeaderboardStatus.FINISHED && family(wanted) == 1 && sameEnd))) {
      // A file's status is the wish it was written with: an automatic transition since (scheduled
      // to active, ended to finished) is not undone at the next apply.
      node.remove("status");
    }
    LeaderboardPatch patch = LeaderboardItems.parse(node, admin.ceiling());
    Leaderboard next = admin.update(scope, current.id(), patch);
    return !next.equals(current.withStatus(effective));
  }

  /** Inactive; active or scheduled (tracking); finished. */
  private static int family(LeaderboardStatus s) {
    return switch (s) {
      case INACTIVE -> 0;
      case ACTIVE, SCHEDULED -> 1;
      case FINISHED -> 2;
    };
  }

  /** The item in the admin API's shape: references by key become ids. */
  private static ObjectNode resolve(JsonNode item, ScopeConfig config, PointsSystems points) {
    ObjectNode node = withoutReferences(item);
    if (item.hasNonNull("metric")) {
      Metric m = config.metricByKey(item.get("metric").textValue());
      if (m == null) {
        throw Rejection.invalid("metric " + item.get("metric").textValue() + " is not an active metric");
      }
      node.put("metricId", m.id());
    }
    if (item.hasNonNull("pointsSystem")) {
      PointsSystemRef ps = points.byKey(item.get("pointsSystem").textValue());
      if (ps == null) {
        throw Rejection.invalid("pointsSystem " + item.get("pointsSystem").textValue() + " is not an active points system");
      }
      node.put("pointsSystemId", ps.id());
    }
    ArrayNode ids = node.putArray("breakdownAttributes");
    for (JsonNode k : item.path("breakdownAttributes")) {
      AttributeDef def =
          config.attributes().stream()
              .filter(a -> a.type() == AttributeType.USER && a.key().equals(k.asText()))
              .findFirst()
              .orElseThrow(() -> Rejection.invalid("breakdownAttributes: " + k.asText() + " is not a user attribute"));
      ids.add(def.id());
    }
    return node;
  }

  private static ObjectNode withoutReferences(JsonNode item) {
    ObjectNode node = item.deepCopy();
    node.remove(List.of("metric", "pointsSystem", "breakdownAttributes"));
    return node;
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
