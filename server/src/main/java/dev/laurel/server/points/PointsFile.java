package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.metric.Metric;
import dev.laurel.server.admin.Bulk;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The {@code points:} list of a tenant in the configuration file (CFG-1, CFG-18): checked for
 * shape when the file is read (unknown keys, CFG-15; duplicates), and turned into admin items when
 * it is applied, with references by key ({@code metric: flashcards-flipped}, {@code
 * userAttributes: {plan: pro}}) resolved to ids.
 */
public final class PointsFile {
  public static final Set<String> SYSTEM_KEYS =
      Set.of("key", "name", "description", "badgeUrl", "maxPoints", "triggers", "levels", "boosts");
  static final Set<String> TRIGGER_KEYS =
      Set.of("type", "points", "status", "metric", "metricThreshold", "eventAttributes", "achievement",
          "streakLength", "timeUnit", "timeInterval", "userAttributes", "blockIfOutOfPoints");
  static final Set<String> LEVEL_KEYS = Set.of("key", "name", "points", "description", "badgeUrl");
  static final Set<String> BOOST_KEYS = Set.of("name", "start", "end", "multiplier", "rounding", "userId", "userAttributes");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PointsFile() {}

  /** Shape checks of the file's points systems; {@code problem} receives (path, message). */
  public static void check(List<JsonNode> systems, String path, BiConsumer<String, String> problem) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < systems.size(); i++) {
      JsonNode s = systems.get(i);
      String at = path + "[" + i + "]";
      report(problem, at + ".name", Bulk.nameProblem(s, "name"));
      report(problem, at + ".key", Bulk.keyProblem(s));
      if (!keys.add(s.path("key").asText())) {
        problem.accept(at + ".key", "duplicate points system key " + s.path("key").asText());
      }
      Set<String> seen = new HashSet<>();
      for (Map.Entry<String, JsonNode> t : list(s, at, "triggers", TRIGGER_KEYS, problem)) {
        if (!seen.add(identity(t.getValue()))) {
          problem.accept(t.getKey(), "duplicate trigger: another trigger of this system rewards the same thing"
              + " (type, metric and event attributes, achievement, streak length or time interval)");
        }
        checkFilters(t.getValue(), t.getKey(), "userAttributes", problem);
        checkFilters(t.getValue(), t.getKey(), "eventAttributes", problem);
      }
      seen.clear();
      for (Map.Entry<String, JsonNode> l : list(s, at, "levels", LEVEL_KEYS, problem)) {
        report(problem, l.getKey() + ".name", Bulk.nameProblem(l.getValue(), "name"));
        report(problem, l.getKey() + ".key", Bulk.keyProblem(l.getValue()));
        if (!seen.add(l.getValue().path("key").asText())) {
          problem.accept(l.getKey() + ".key", "duplicate level key " + l.getValue().path("key").asText());
        }
      }
      seen.clear();
      for (Map.Entry<String, JsonNode> b : list(s, at, "boosts", BOOST_KEYS, problem)) {
        if (!seen.add(boostIdentity(b.getValue()))) {
          problem.accept(b.getKey() + ".name", "duplicate boost name " + b.getValue().path("name").asText());
        }
        checkFilters(b.getValue(), b.getKey(), "userAttributes", problem);
      }
    }
  }

  private static void report(BiConsumer<String, String> problem, String path, String message) {
    if (message != null) {
      problem.accept(path, message);
    }
  }

  /** The items of a nested list, each with its path; a bad shape is reported and skipped. */
  private static List<Map.Entry<String, JsonNode>> list(
      JsonNode system, String at, String field, Set<String> known, BiConsumer<String, String> problem) {
    JsonNode v = system.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      problem.accept(at + "." + field, "must be a list");
      return List.of();
    }
    List<Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String path = at + "." + field + "[" + i + "]";
      JsonNode item = v.get(i);
      if (!item.isObject()) {
        problem.accept(path, "must be a mapping");
        continue;
      }
      item.fieldNames().forEachRemaining(f -> {
        if (!known.contains(f)) {
          problem.accept(path + "." + f, "unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      });
      out.add(Map.entry(path, item));
    }
    return out;
  }

  private static void checkFilters(JsonNode item, String path, String field, BiConsumer<String, String> problem) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    boolean ok = v.isObject();
    for (JsonNode value : v) {
      ok &= value.isValueNode() && !value.isNull();
    }
    if (!ok) {
      problem.accept(path + "." + field, "must be a mapping of attribute key to value");
    }
  }

  /**
   * What a file trigger rewards — the handle by which it is matched to a stored trigger of its
   * system: type plus metric and event attributes, achievement, streak length, or time interval.
   */
  static String identity(JsonNode t) {
    return String.join("|",
        t.path("type").asText(), t.path("metric").asText(), new TreeMap<>(pairs(t.get("eventAttributes"))).toString(),
        t.path("achievement").asText(), t.path("streakLength").asText(), t.path("timeUnit").asText(),
        t.path("timeInterval").asText());
  }

  static String boostIdentity(JsonNode b) {
    return b.path("name").asText() + "|" + b.path("userId").asText("");
  }

  private static Map<String, String> pairs(JsonNode v) {
    Map<String, String> out = new TreeMap<>();
    if (v != null && v.isObject()) {
      v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** The admin item of a system (PTS-15 fields); {@code badgeUrl} becomes {@code badge}. */
  static ObjectNode system(JsonNode s) {
    ObjectNode out = JSON.objectNode();
    out.set("name", s.get("name"));
    out.set("key", s.get("key"));
    out.set("description", s.has("description") ? s.get("description") : JSON.nullNode());
    out.set("badge", badge(s));
    out.set("maxPoints", s.has("maxPoints") ? s.get("maxPoints") : JSON.nullNode());
    return out;
  }

  static ObjectNode level(JsonNode l) {
    ObjectNode out = JSON.objectNode();
    out.set("name", l.get("name"));
    out.set("key", l.get("key"));
    out.set("points", l.get("points"));
    out.set("description", l.get("description"));
    out.set("badge", badge(l));
    return out;
  }

  static ObjectNode boost(JsonNode b, ScopeConfig config) {
    ObjectNode out = JSON.objectNode();
    for (String field : List.of("name", "start", "end", "multiplier", "rounding", "userId")) {
      if (b.has(field)) {
        out.set(field, b.get(field).isNull() ? JSON.nullNode() : JSON.textNode(b.get(field).asText()));
      }
    }
    if (b.has("multiplier")) {
      out.set("multiplier", b.get("multiplier"));
    }
    out.set("userAttributes", filters(b.get("userAttributes"), config, AttributeType.USER));
    return out;
  }

  /** The admin item of a trigger, with every field explicit (absent = default, TRIG-2). */
  static ObjectNode trigger(JsonNode t, ScopeConfig config) {
    ObjectNode out = JSON.objectNode();
    out.set("type", t.get("type"));
    out.set("points", t.get("points"));
    out.put("status", t.path("status").asText("inactive"));
    out.set("userAttributes", filters(t.get("userAttributes"), config, AttributeType.USER));
    out.put("blockIfOutOfPoints", t.path("blockIfOutOfPoints").asBoolean(false));
    if (t.has("metric")) {
      Metric m = config.metricByKey(t.get("metric").asText());
      if (m == null) {
        throw Rejection.invalid("unknown metric " + t.get("metric").asText());
      }
      out.put("metricId", m.id());
    }
    if (t.has("eventAttributes") || "metric".equals(t.path("type").asText())) {
      out.set("eventAttributes", filters(t.get("eventAttributes"), config, AttributeType.EVENT));
    }
    if (t.has("achievement")) {
      Achievement achievement = config.achievements().byKey(t.get("achievement").asText());
      if (achievement == null) {
        throw Rejection.invalid("unknown achievement " + t.get("achievement").asText());
      }
      out.put("achievementId", achievement.id());
    }
    for (String field : List.of("metricThreshold", "streakLength", "timeUnit", "timeInterval")) {
      if (t.has(field)) {
        out.set(field, t.get(field));
      }
    }
    return out;
  }

  private static JsonNode badge(JsonNode item) {
    JsonNode url = item.get("badgeUrl");
    return url == null || url.isNull() ? JSON.nullNode() : JSON.objectNode().set("url", url);
  }

  /** {@code {key: value}} → {@code [{attributeId, attributeValue}]}; an unknown key is a problem. */
  private static ArrayNode filters(JsonNode v, ScopeConfig config, AttributeType type) {
    ArrayNode out = JSON.arrayNode();
    if (v == null || !v.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      AttributeDef def = null;
      for (AttributeDef a : config.attributes()) {
        if (a.type() == type && a.key().equals(e.getKey())) {
          def = a;
        }
      }
      if (def == null) {
        throw Rejection.invalid("unknown " + type.wire() + " attribute " + e.getKey());
      }
      out.add(JSON.objectNode().put("attributeId", def.id()).put("attributeValue", e.getValue().asText()));
    }
    return out;
  }
}
