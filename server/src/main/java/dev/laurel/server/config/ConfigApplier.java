package dev.laurel.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.metric.Metric;
import dev.laurel.server.achievement.AchievementFile;
import dev.laurel.server.admin.AttributeAdmin;
import dev.laurel.server.admin.MetricAdmin;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.streaks.StreakConfigJson;
import dev.laurel.server.streaks.StreakConfigAdmin;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.Environment;
import dev.laurel.store.Tenant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a validated {@link ConfigFile} (CFG-1): objects are matched by key, missing ones are
 * created, changed ones updated, and absent ones deleted only with {@code prune: true}. It drives
 * the same admin services as the HTTP API, so both surfaces validate alike. Applying the same
 * file twice changes nothing the second time.
 */
public final class ConfigApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigApplier.class);

  private final Database db;
  private final ConfigRepository config;
  private final Scopes scopes;
  private final MetricAdmin metrics;
  private final AttributeAdmin attributes;
  private final StreakConfigAdmin streak;
  private final InstantSource clock;
  private final AchievementFile achievements;
  private final List<Section> sections = new ArrayList<>();

  /**
   * A feature's part of a tenant in the file (points systems, …), applied after attributes and
   * metrics with the same rules: matched by key, idempotent, problems reported with their path.
   */
  @FunctionalInterface
  public interface Section {
    /** Applies the tenant's part; returns the number of changes; adds problems prefixed by {@code path}. */
    int apply(Scope scope, ConfigFile.TenantSpec tenant, boolean prune, String path, List<String> problems);
  }

  /** Adds a section; returns this applier. */
  public ConfigApplier with(Section section) {
    sections.add(section);
    return this;
  }

  public ConfigApplier(
      Database db,
      ConfigRepository config,
      Scopes scopes,
      MetricAdmin metrics,
      AttributeAdmin attributes,
      StreakConfigAdmin streak,
      InstantSource clock,
      AchievementFile achievements) {
    this.db = db;
    this.config = config;
    this.scopes = scopes;
    this.metrics = metrics;
    this.attributes = attributes;
    this.streak = streak;
    this.clock = clock;
    this.achievements = achievements;
  }

  /** Applies the file; returns the number of objects created, updated or archived. */
  public int apply(ConfigFile file) {
    List<String> problems = new ArrayList<>();
    int changes = 0;
    for (ConfigFile.EnvironmentSpec env : file.environments()) {
      Environment e = config.ensureEnvironment(env.key(), env.name(), env.type(), clock.instant());
      boolean multiTenancy = env.multiTenancy() != null ? env.multiTenancy() : e.multiTenancy();
      double ratio = env.controlRatio() != null ? env.controlRatio() : e.controlRatio();
      if (multiTenancy != e.multiTenancy() || ratio != e.controlRatio()) {
        db.write(tx -> {
          config.updateEnvironmentSettings(tx, e.id(), multiTenancy, ratio);
          return null;
        });
        changes++;
      }
      scopes.invalidateAll();
      for (ConfigFile.TenantSpec tenant : env.tenants()) {
        String path = "environments." + env.key() + ".tenants." + (tenant.customerId() == null ? "default" : tenant.customerId());
        Scope scope = new Scope(e.id(), tenantId(e, tenant));
        changes += applyAttributes(scope, tenant.attributes(), file.prune(), path, problems);
        changes += applyMetrics(scope, tenant.metrics(), path, problems);
        changes += applyStreak(scope, tenant.streak(), path, problems);
        changes += achievements.apply(scope, tenant.achievements(), file.prune(), path, problems);
        for (Section section : sections) {
          changes += section.apply(scope, tenant, file.prune(), path, problems);
        }
        if (file.prune()) {
          changes += pruneMetrics(scope, tenant.metrics(), path, problems);
        }
      }
    }
    scopes.invalidateAll();
    if (!problems.isEmpty()) {
      throw new ConfigFileException(file.source(), problems);
    }
    LOG.info("applied configuration {} ({} changes)", file.source(), changes);
    return changes;
  }

  private String tenantId(Environment env, ConfigFile.TenantSpec spec) {
    if (spec.customerId() == null) {
      return Scope.DEFAULT_TENANT;
    }
    Tenant existing = config.activeTenant(env.id(), spec.customerId());
    if (existing != null) {
      return existing.id();
    }
    return db.write(tx -> config.insertTenant(tx, env.id(), spec.customerId(), spec.name(), clock.instant())).id();
  }

  private int applyAttributes(Scope scope, List<JsonNode> items, boolean prune, String path, List<String> problems) {
    int changes = 0;
    Set<String> wanted = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String key = item.get("key").textValue();
      String type = item.get("type").textValue();
      wanted.add(type + ":" + key);
      AttributeDef current = find(scopes.config(scope).attributes(), type, key);
      try {
        if (current == null) {
          attributes.create(scope, item);
          changes++;
        } else if (!current.name().equals(item.get("name").textValue())) {
          attributes.rename(scope, item, current.id());
          changes++;
        }
      } catch (Rejection r) {
        problems.add(path + ".attributes[" + i + "]: " + r.getMessage());
      }
    }
    if (prune) {
      for (AttributeDef a : scopes.config(scope).attributes()) {
        if (!wanted.contains(a.type().wire() + ":" + a.key())) {
          db.write(tx -> config.archive(tx, scope, "attributes", a.id()));
          changes++;
        }
      }
      scopes.invalidate(scope);
    }
    return changes;
  }

  private int applyMetrics(Scope scope, List<JsonNode> items, String path, List<String> problems) {
    int changes = 0;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String key = item.get("key").textValue();
      ScopeConfig snapshot = scopes.config(scope);
      Metric current = snapshot.metricByKey(key);
      try {
        if (current == null) {
          metrics.create(scope, item);
          changes++;
        } else if (!metrics.update(scope, item, current.id()).equals(current)) {
          changes++;
        }
      } catch (Rejection r) {
        problems.add(path + ".metrics[" + i + "]: " + r.getMessage());
      }
    }
    return changes;
  }

  /** Archives the metrics absent from the file, except those still in use (METRIC-5). */
  private int pruneMetrics(Scope scope, List<JsonNode> items, String path, List<String> problems) {
    int changes = 0;
    Set<String> wanted = new HashSet<>();
    items.forEach(item -> wanted.add(item.get("key").textValue()));
    for (Metric m : scopes.config(scope).metrics()) {
      if (!wanted.contains(m.key())) {
        String inUse = metrics.inUse(scope, m.id());
        if (inUse != null) {
          problems.add(path + ".metrics: cannot prune metric " + m.key() + ": " + inUse);
          continue;
        }
        db.write(tx -> config.archive(tx, scope, "metrics", m.id()));
        changes++;
      }
    }
    scopes.invalidate(scope);
    return changes;
  }

  /**
   * CFG-3 from the file: metric keys resolved in the scope, then the same replacement as {@code PUT
   * /admin/v1/streaks/config}. A tenant without {@code streak:} keeps its configuration.
   */
  private int applyStreak(Scope scope, JsonNode node, String path, List<String> problems) {
    if (node == null) {
      return 0;
    }
    ScopeConfig snapshot = scopes.config(scope);
    StreakConfigJson.Parsed resolved =
        StreakConfigJson.resolve(
            StreakConfigJson.read(node, StreakConfigJson.MetricRef.KEY, true).config(),
            StreakConfigJson.MetricRef.KEY,
            key -> snapshot.metricByKey(key) == null ? null : snapshot.metricByKey(key).id());
    if (!resolved.problems().isEmpty()) {
      resolved.problems().forEach(p -> problems.add(path + ".streak." + p.field() + ": " + p.message()));
      return 0;
    }
    return streak.replace(scope, resolved.config()) ? 1 : 0;
  }

  private static AttributeDef find(List<AttributeDef> defs, String type, String key) {
    for (AttributeDef a : defs) {
      if (a.type().wire().equals(type) && a.key().equals(key)) {
        return a;
      }
    }
    return null;
  }
}
