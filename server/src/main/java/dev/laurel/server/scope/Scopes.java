package dev.laurel.server.scope;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.server.auth.Caller;
import dev.laurel.server.http.ApiError;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Environment;
import dev.laurel.store.Tenant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Resolves requests to scopes (ENV-3, TEN-2..TEN-4, TEN-11) and holds each scope's configuration
 * snapshot (DESIGN: the hot path never queries configuration).
 */
public final class Scopes {
  /** How often a node sharing its database looks for configuration changed by other nodes. */
  private static final long SHARED_CHECK_MILLIS = 1_000;

  private final ConfigRepository config;
  private final boolean shared;
  private final InstantSource clock;
  private final Map<String, Environment> environments = new ConcurrentHashMap<>();
  private final Map<Scope, ScopeConfig> snapshots = new ConcurrentHashMap<>();
  private final List<Extension> extensions = new CopyOnWriteArrayList<>();
  private volatile String seenVersion;
  private volatile long nextCheck;

  /**
   * {@code shared} is true when several nodes share the database: every change is then announced
   * through a configuration version in the database, and each node re-reads its snapshots within
   * a second of another node's change.
   */
  public Scopes(ConfigRepository config, boolean shared, InstantSource clock) {
    this.config = config;
    this.shared = shared;
    this.clock = clock;
    this.seenVersion = shared ? config.configVersion() : null;
  }

  /** Adds a feature's configuration (points systems, …) to a scope's snapshot when it is loaded. */
  @FunctionalInterface
  public interface Extension {
    ScopeConfig extend(Scope scope, ScopeConfig base);
  }

  public Scopes(ConfigRepository config) {
    this(config, false, InstantSource.system());
  }

  public Environment environment(String envId) {
    checkSharedVersion();
    return environments.computeIfAbsent(envId, config::environment);
  }

  /**
   * The scope of a request. {@code tenantHeader} is the raw Tenant-ID header; {@code tenantAware}
   * is false for endpoints that ignore it (TEN-10).
   */
  public Scope resolve(Caller caller, String tenantHeader, boolean tenantAware) {
    Environment env = environment(caller.envId());
    if (!env.multiTenancy() || !tenantAware) {
      return Scope.defaultTenant(env.id());
    }
    String customerId = tenantHeader == null ? "" : tenantHeader.trim();
    if (caller.isApplicationKey() && !caller.boundTenantId().isEmpty()) {
      Tenant bound = tenantById(env, caller.boundTenantId());
      if (!customerId.isEmpty() && (bound == null || !bound.customerId().equals(customerId))) {
        throw new ApiError(403, "This API key is not authorised for tenant " + customerId);
      }
      return new Scope(env.id(), caller.boundTenantId());
    }
    if (customerId.isEmpty()) {
      throw new ApiError(422, "Tenant-ID header is required");
    }
    Tenant tenant = config.activeTenant(env.id(), customerId);
    if (tenant == null) {
      throw new ApiError(422, "Unknown tenant: " + customerId);
    }
    return new Scope(env.id(), tenant.id());
  }

  private Tenant tenantById(Environment env, String tenantId) {
    return config.tenants(env.id()).stream().filter(t -> t.id().equals(tenantId)).findFirst().orElse(null);
  }

  /** Registers an extension; call before serving requests. */
  public void extend(Extension extension) {
    extensions.add(extension);
  }

  /** The configuration snapshot of a scope. */
  public ScopeConfig config(Scope scope) {
    checkSharedVersion();
    return snapshots.computeIfAbsent(scope, this::load);
  }

  /**
   * The scope's configuration read from the store now, not the cached snapshot: for work queued
   * by a configuration change (ACH-16), which may start between that change's commit and the
   * snapshot's invalidation, and so must not act on the snapshot from before it.
   */
  public ScopeConfig fresh(Scope scope) {
    return load(scope);
  }

  private ScopeConfig load(Scope scope) {
    ScopeConfig snapshot = config.scopeConfig(scope, environment(scope.environmentId()).controlRatio());
    for (Extension e : extensions) {
      snapshot = e.extend(scope, snapshot);
    }
    return snapshot;
  }

  /** Drops a scope's snapshot after its configuration changed; the next read reloads it. */
  public void invalidate(Scope scope) {
    snapshots.remove(scope);
    announce();
  }

  /** Drops every cached environment and snapshot (after a configuration file was applied). */
  public void invalidateAll() {
    environments.clear();
    snapshots.clear();
    announce();
  }

  private void announce() {
    if (shared) {
      seenVersion = config.bumpConfigVersion();
    }
  }

  private void checkSharedVersion() {
    if (shared && clock.millis() >= nextCheck) {
      refreshIfChanged();
    }
  }

  /**
   * With a shared database, re-reads the configuration version now (not waiting for the next
   * periodic check) and drops the snapshots if another node changed it. Returns whether it did.
   */
  public boolean refreshIfChanged() {
    if (!shared) {
      return false;
    }
    nextCheck = clock.millis() + SHARED_CHECK_MILLIS;
    String current = config.configVersion();
    if (current.equals(seenVersion)) {
      return false;
    }
    seenVersion = current;
    environments.clear();
    snapshots.clear();
    return true;
  }
}
