package dev.laurel.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.laurel.server.achievement.AchievementFile;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.admin.MetricAdmin;
import dev.laurel.server.leaderboard.LeaderboardFile;
import dev.laurel.server.points.PointsFile;
import dev.laurel.server.streaks.StreakConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declarative configuration file (CFG-1, CFG-15, CFG-18): environments, each with settings
 * and tenants ({@code default} is the untenanted scope), each tenant with its attributes and
 * metrics. Parsing checks the whole file and reports every problem with its path; nothing is
 * applied from a file with problems.
 */
public record ConfigFile(
    String source, boolean prune, List<EnvironmentSpec> environments, Integer maxParticipantsCeiling) {

  public ConfigFile(String source, boolean prune, List<EnvironmentSpec> environments) {
    this(source, prune, environments, null);
  }

  /** One environment of the file. */
  public record EnvironmentSpec(
      String key, String name, String type, Boolean multiTenancy, Double controlRatio, List<TenantSpec> tenants) {}

  /**
   * One tenant ({@code customerId} null for the default scope) and its objects; {@code streak} is
   * null when the file leaves the streak configuration alone.
   */
  public record TenantSpec(
      String customerId,
      String name,
      List<JsonNode> attributes,
      List<JsonNode> metrics,
      List<JsonNode> achievements,
      JsonNode streak,
      List<JsonNode> points,
      List<JsonNode> leaderboards) {

    public TenantSpec(String customerId, String name, List<JsonNode> attributes, List<JsonNode> metrics) {
      this(customerId, name, attributes, metrics, List.of(), null, List.of(), List.of());
    }

    public TenantSpec(
        String customerId,
        String name,
        List<JsonNode> attributes,
        List<JsonNode> metrics,
        List<JsonNode> achievements,
        JsonNode streak) {
      this(customerId, name, attributes, metrics, achievements, streak, List.of(), List.of());
    }
  }

  private static final Set<String> ROOT_KEYS = Set.of("environments", "prune", "leaderboards");
  private static final Set<String> ENV_KEYS =
      Set.of("name", "type", "multiTenancy", "controlRatio", "newUserActivationWindowDays", "tenants");
  private static final Set<String> TENANT_KEYS =
      Set.of("name", "attributes", "metrics", "achievements", "streak", "points", "leaderboards");
  private static final Set<String> ATTRIBUTE_KEYS = Set.of("key", "name", "type");
  private static final Set<String> METRIC_KEYS = Set.of("key", "name", "unitType", "units");
  private static final List<String> ENV_TYPES = List.of("production", "staging", "development");

  /** Reads and validates a file; throws {@link ConfigFileException} listing every problem. */
  public static ConfigFile load(Path path) {
    String source = path.toString();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
    } catch (IOException e) {
      throw new ConfigFileException(source, List.of("cannot read: " + e.getMessage().lines().findFirst().orElse("")));
    }
    return parse(source, root);
  }

  static ConfigFile parse(String source, JsonNode root) {
    Problems p = new Problems();
    if (root == null || !root.isObject()) {
      throw new ConfigFileException(source, List.of("(root): must be a mapping with an environments key"));
    }
    p.unknownKeys(root, "", ROOT_KEYS);
    boolean prune = p.bool(root, "", "prune", false);
    List<EnvironmentSpec> envs = new ArrayList<>();
    JsonNode environments = root.get("environments");
    if (environments == null || !environments.isObject()) {
      p.add("environments", "is required and must be a mapping of environment key to settings");
    } else {
      for (Map.Entry<String, JsonNode> e : environments.properties()) {
        envs.add(environment(p, "environments." + e.getKey(), e.getKey(), e.getValue()));
      }
      long production = envs.stream().filter(e -> "production".equals(e.type())).count();
      if (production > 1) {
        p.add("environments", "only one environment may have type production");
      }
    }
    Integer ceiling = ceiling(p, root.get("leaderboards"));
    if (!p.list.isEmpty()) {
      throw new ConfigFileException(source, p.list);
    }
    return new ConfigFile(source, prune, envs, ceiling);
  }

  /** CFG-12: {@code leaderboards: {maxParticipantsCeiling: N}} at the root, or null. */
  private static Integer ceiling(Problems p, JsonNode leaderboards) {
    if (leaderboards == null || leaderboards.isNull()) {
      return null;
    }
    if (!leaderboards.isObject()) {
      p.add("leaderboards", "must be a mapping with maxParticipantsCeiling");
      return null;
    }
    p.unknownKeys(leaderboards, "leaderboards", Set.of("maxParticipantsCeiling"));
    JsonNode v = leaderboards.get("maxParticipantsCeiling");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      p.add("leaderboards.maxParticipantsCeiling", "must be a positive integer");
      return null;
    }
    return v.intValue();
  }

  private static EnvironmentSpec environment(Problems p, String path, String key, JsonNode env) {
    if (!Bulk.KEY.matcher(key).matches()) {
      p.add(path, "environment key must match ^[a-zA-Z\\d-_]+$");
    }
    if (env == null || !env.isObject()) {
      p.add(path, "must be a mapping");
      return new EnvironmentSpec(key, key, null, null, null, List.of());
    }
    p.unknownKeys(env, path, ENV_KEYS);
    String type = p.string(env, path, "type", key.equals("production") ? "production" : "development");
    if (type != null && !ENV_TYPES.contains(type)) {
      p.add(path + ".type", "must be one of production, staging, development");
    }
    Double ratio = null;
    JsonNode r = env.get("controlRatio");
    if (r != null) {
      if (!r.isNumber() || r.doubleValue() < 0 || r.doubleValue() > 1) {
        p.add(path + ".controlRatio", "must be a number between 0 and 1");
      } else {
        ratio = r.doubleValue();
      }
    }
    Boolean multiTenancy = env.has("multiTenancy") ? p.bool(env, path, "multiTenancy", false) : null;
    List<TenantSpec> tenants = new ArrayList<>();
    JsonNode ts = env.get("tenants");
    if (ts != null && !ts.isObject()) {
      p.add(path + ".tenants", "must be a mapping of customer id (or default) to objects");
    } else if (ts != null) {
      for (Map.Entry<String, JsonNode> t : ts.properties()) {
        tenants.add(tenant(p, path + ".tenants." + t.getKey(), t.getKey(), t.getValue()));
      }
    }
    return new EnvironmentSpec(key, p.string(env, path, "name", key), type, multiTenancy, ratio, tenants);
  }

  private static TenantSpec tenant(Problems p, String path, String customerId, JsonNode tenant) {
    if (tenant == null || !tenant.isObject()) {
      p.add(path, "must be a mapping");
      return new TenantSpec(customerId, customerId, List.of(), List.of(), List.of(), null, List.of(), List.of());
    }
    p.unknownKeys(tenant, path, TENANT_KEYS);
    List<JsonNode> attributes = p.items(tenant, path, "attributes", ATTRIBUTE_KEYS);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < attributes.size(); i++) {
      JsonNode a = attributes.get(i);
      String at = path + ".attributes[" + i + "]";
      p.problem(at + ".name", Bulk.nameProblem(a, "name"));
      p.problem(at + ".key", Bulk.keyProblem(a));
      String type = a.path("type").asText("");
      if (!type.equals("user") && !type.equals("event")) {
        p.add(at + ".type", "must be one of user, event");
      }
      if (!seen.add(type + ":" + a.path("key").asText())) {
        p.add(at + ".key", "duplicate " + type + " attribute key " + a.path("key").asText());
      }
    }
    List<JsonNode> metrics = p.items(tenant, path, "metrics", METRIC_KEYS);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode m = metrics.get(i);
      String at = path + ".metrics[" + i + "]";
      p.problem(at + ".name", Bulk.nameProblem(m, "name"));
      p.problem(at + ".key", Bulk.keyProblem(m));
      p.problem(at, MetricAdmin.unitsProblem(m));
      if (!keys.add(m.path("key").asText())) {
        p.add(at + ".key", "duplicate metric key " + m.path("key").asText());
      }
    }
    List<JsonNode> achievements = p.items(tenant, path, "achievements", AchievementFile.KEYS);
    AchievementFile.problems(achievements, path + ".achievements").forEach(e -> p.add(e.getKey(), e.getValue()));
    JsonNode streak = tenant.get("streak");
    if (streak != null && !streak.isNull()) {
      for (StreakConfigJson.Problem problem :
          StreakConfigJson.read(streak, StreakConfigJson.MetricRef.KEY, true).problems()) {
        p.add(path + ".streak" + (problem.field().isEmpty() ? "" : "." + problem.field()), problem.message());
      }
    } else {
      streak = null;
    }
    List<JsonNode> points = p.items(tenant, path, "points", PointsFile.SYSTEM_KEYS);
    PointsFile.check(points, path + ".points", p::add);
    List<JsonNode> leaderboards = p.items(tenant, path, "leaderboards", LeaderboardFile.KEYS);
    LeaderboardFile.check(leaderboards, path + ".leaderboards", p::add);
    boolean isDefault = customerId.equals("default");
    return new TenantSpec(
        isDefault ? null : customerId,
        p.string(tenant, path, "name", customerId),
        attributes,
        metrics,
        achievements,
        streak,
        points,
        leaderboards);
  }

  /** Problems collected while checking a file, each prefixed by its path. */
  private static final class Problems {
    final List<String> list = new ArrayList<>();

    void add(String path, String message) {
      list.add((path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    void problem(String path, String message) {
      if (message != null) {
        add(path, message);
      }
    }

    void unknownKeys(JsonNode node, String path, Set<String> known) {
      node.fieldNames().forEachRemaining(f -> {
        if (!known.contains(f)) {
          add(path.isEmpty() ? f : path + "." + f, "unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      });
    }

    boolean bool(JsonNode node, String path, String field, boolean fallback) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isBoolean()) {
        add(path.isEmpty() ? field : path + "." + field, "must be true or false");
        return fallback;
      }
      return v.booleanValue();
    }

    String string(JsonNode node, String path, String field, String fallback) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isTextual()) {
        add(path + "." + field, "must be a string");
        return fallback;
      }
      return v.textValue();
    }

    List<JsonNode> items(JsonNode node, String path, String field, Set<String> known) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return List.of();
      }
      if (!v.isArray()) {
        add(path + "." + field, "must be a list");
        return List.of();
      }
      List<JsonNode> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (!item.isObject()) {
          add(path + "." + field + "[" + i + "]", "must be a mapping");
          continue;
        }
        unknownKeys(item, path + "." + field + "[" + i + "]", known);
        out.add(item);
      }
      return out;
    }
  }
}
