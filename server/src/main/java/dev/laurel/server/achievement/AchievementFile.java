package dev.laurel.server.achievement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementDraft;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.server.scope.Scopes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Achievements in the configuration file (CFG-1, CFG-2): references by key ({@code metric},
 * {@code prerequisites}, {@code userAttributes: {plan: pro}}, {@code eventAttributes}), matched by
 * {@code key}, applied through {@link AchievementAdmin} so both surfaces validate alike. An entry
 * is declarative: what it omits (description, badge, filters) is cleared; only an omitted
 * {@code status} leaves an existing achievement's status alone (new ones start inactive).
 */
public final class AchievementFile {
  /** The keys an entry may have (CFG-15). */
  public static final Set<String> KEYS =
      Set.of(
          "key", "name", "description", "badgeUrl", "trigger", "status", "metric", "metricValue",
          "eventAttributes", "streakLength", "prerequisites", "userAttributes");

  private final Scopes scopes;
  private final AchievementAdmin admin;

  public AchievementFile(Scopes scopes, AchievementAdmin admin) {
    this.scopes = scopes;
    this.admin = admin;
  }

  /** One entry, its references still by key. */
  private record Entry(
      AchievementInput.Common common,
      String metric,
      Map<String, String> eventAttributes,
      List<String> prerequisites,
      Map<String, String> userAttributes) {}

  /** Shape problems of the entries, as (path, message), for the file check (CFG-1). */
  public static List<Map.Entry<String, String>> problems(List<JsonNode> items, String path) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = path + "[" + i + "]";
      try {
        Entry e = read(items.get(i));
        if (e.common().trigger() == null) {
          out.add(Map.entry(at + ".trigger", "is required (one of metric, streak, api, achievement)"));
        }
        if (!keys.add(e.common().key())) {
          out.add(Map.entry(at + ".key", "duplicate achievement key " + e.common().key()));
        }
      } catch (Rejection r) {
        out.add(Map.entry(at, r.getMessage()));
      }
    }
    return out;
  }

  private static Entry read(JsonNode item) {
    return new Entry(
        AchievementInput.common(item, true),
        AchievementInput.string(item, "metric"),
        keyValues(item, "eventAttributes"),
        AchievementInput.strings(item, "prerequisites"),
        keyValues(item, "userAttributes"));
  }

  private static Map<String, String> keyValues(JsonNode item, String field) {
    if (!AchievementInput.given(item, field)) {
      return Map.of();
    }
    JsonNode v = item.get(field);
    if (!v.isObject()) {
      throw Rejection.invalid(field + " must be a mapping of attribute key to value");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw Rejection.invalid(field + "." + e.getKey() + " must be a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /**
   * Creates and updates the entries by key (an entry waits for the prerequisites the file defines
   * later), then deletes achievements absent from the file when {@code prune}. Returns the number
   * of changes; problems are added with their paths.
   */
  public int apply(Scope scope, List<JsonNode> items, boolean prune, String path, List<String> problems) {
    Set<String> fileKeys = new HashSet<>();
    items.forEach(i -> fileKeys.add(i.path("key").asText()));
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      pending.add(i);
    }
    int changes = 0;
    boolean progressed = true;
    while (!pending.isEmpty() && progressed) {
      progressed = false;
      for (Integer i : List.copyOf(pending)) {
        String at = path + ".achievements[" + i + "]";
        try {
          Entry e = read(items.get(i));
          ScopeConfig config = scopes.config(scope);
          if (waitsFor(config, e, fileKeys)) {
            continue;
          }
          pending.remove(i);
          progressed = true;
          Achievement current = config.achievements().byKey(e.common().key());
          AchievementDraft draft = draft(config, e);
          if (current == null) {
            admin.create(scope, draft);
            changes++;
          } else if (!admin.update(scope, current.id(), draft).equals(current)) {
            changes++;
          }
        } catch (Rejection r) {
          pending.remove(i);
          progressed = true;
          problems.add(at + ": " + r.getMessage());
        }
        if (progressed) {
          break; // rescan from the top: creation order follows the file wherever references allow
        }
      }
    }
    for (Integer i : pending) {
      problems.add(path + ".achievements[" + i + "]: prerequisites wait on entries that could not be applied (a cycle, or an entry with problems)");
    }
    return prune ? changes + prune(scope, fileKeys, path, problems) : changes;
  }

  /** Whether a prerequisite named by the file has not been created yet. */
  private static boolean waitsFor(ScopeConfig config, Entry e, Set<String> fileKeys) {
    if (e.prerequisites() == null) {
      return false;
    }
    for (String key : e.prerequisites()) {
      if (config.achievements().byKey(key) == null && fileKeys.contains(key) && !key.equals(e.common().key())) {
        return true;
      }
    }
    return false;
  }

  private static AchievementDraft draft(ScopeConfig config, Entry e) {
    String metricId = null;
    if (e.metric() != null) {
      Metric m = config.metricByKey(e.metric());
      if (m == null) {
        throw Rejection.invalid("metric: unknown metric " + e.metric());
      }
      metricId = m.id();
    }
    List<String> prerequisites = new ArrayList<>();
    for (String key : e.prerequisites() == null ? List.<String>of() : e.prerequisites()) {
      Achievement a = config.achievements().byKey(key);
      if (a == null) {
        throw Rejection.invalid("prerequisites: unknown achievement " + key);
      }
      prerequisites.add(a.id());
    }
    AchievementInput.Common c = e.common();
    AchievementInput.Common declarative =
        new AchievementInput.Common(
            c.key(), c.name(), orClear(c.description()), orClear(c.badgeUrl()), c.trigger(), c.status(),
            c.metricValue(), c.streakLength());
    return declarative.draft(
        metricId,
        filters(config, e.eventAttributes(), AttributeType.EVENT, "eventAttributes"),
        prerequisites,
        filters(config, e.userAttributes(), AttributeType.USER, "userAttributes"));
  }

  private static Optional<String> orClear(Optional<String> value) {
    return value == null ? Optional.empty() : value;
  }

  private static List<AttributeFilter> filters(
      ScopeConfig config, Map<String, String> byKey, AttributeType type, String field) {
    List<AttributeFilter> out = new ArrayList<>();
    for (Map.Entry<String, String> e : byKey.entrySet()) {
      AttributeDef def =
          config.attributes().stream()
              .filter(a -> a.type() == type && a.key().equals(e.getKey()))
              .findFirst()
              .orElseThrow(() -> Rejection.invalid(field + ": unknown " + type.wire() + " attribute " + e.getKey()));
      out.add(AchievementInput.filter(field, def.id(), e.getValue()));
    }
    return out;
  }

  /** Deletes achievements the file does not name; dependents go before their prerequisites. */
  private int prune(Scope scope, Set<String> fileKeys, String path, List<String> problems) {
    int changes = 0;
    boolean progressed = true;
    List<String> failures = new ArrayList<>();
    while (progressed) {
      progressed = false;
      failures.clear();
      for (Achievement a : scopes.config(scope).achievements().all()) {
        if (fileKeys.contains(a.key())) {
          continue;
        }
        try {
          admin.delete(scope, a.id());
          changes++;
          progressed = true;
        } catch (Rejection r) {
          failures.add(path + ".achievements: cannot prune " + a.key() + ": " + r.getMessage());
        }
      }
    }
    problems.addAll(failures);
    return changes;
  }
}
