package dev.laurel.server.auth;

import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.Environment;
import dev.laurel.store.KeyRepository;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.UUID;

/**
 * CFG-5 at start: a configured admin key (LAUREL_ADMIN_KEY) is registered for the production
 * environment; an installation without any admin key gets one, printed once.
 */
public final class AdminKeyBootstrap {
  private final Database db;
  private final ConfigRepository config;
  private final KeyRepository keys;
  private final ApiKeys apiKeys;
  private final InstantSource clock;

  public AdminKeyBootstrap(
      Database db, ConfigRepository config, KeyRepository keys, ApiKeys apiKeys, InstantSource clock) {
    this.db = db;
    this.config = config;
    this.keys = keys;
    this.apiKeys = apiKeys;
    this.clock = clock;
  }

  public void run(String configuredKey, PrintStream out) {
    Environment production = config.environmentByKey("production");
    if (configuredKey != null && !configuredKey.isBlank()) {
      register(production, configuredKey.trim());
      return;
    }
    boolean anyKey = config.environments().stream().anyMatch(e -> !keys.adminKeys(e.id()).isEmpty());
    if (!anyKey) {
      ApiKeys.NewKey key = apiKeys.newAdminKey();
      insert(production.id(), key.prefix(), key.hash());
      out.println("Created the first admin API key (shown once, store it now):");
      out.println("  " + key.full());
    }
  }

  private void register(Environment env, String key) {
    String[] parts = ApiKeys.parseAdminKey(key);
    if (parts == null) {
      throw new IllegalArgumentException(
          "LAUREL_ADMIN_KEY must look like <prefix>.<secret>: an 8-character prefix of a-z and 0-9,"
              + " a dot, and at least 32 letters or digits");
    }
    var existing = keys.byPrefix(parts[0]);
    String hash = apiKeys.hash(parts[1]);
    if (existing == null) {
      insert(env.id(), parts[0], hash);
    } else if (!existing.hash().equals(hash) || !existing.envId().equals(env.id())) {
      throw new IllegalArgumentException(
          "LAUREL_ADMIN_KEY's prefix " + parts[0] + " belongs to another key; choose another prefix");
    }
  }

  private void insert(String envId, String prefix, String hash) {
    db.write(
        tx -> {
          keys.insertAdminKey(tx, UUID.randomUUID().toString(), envId, prefix, hash, clock.instant());
          return null;
        });
  }
}
