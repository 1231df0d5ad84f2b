package dev.laurel.server;

import java.nio.file.Path;

/**
 * Start-up settings of a server: from command-line options, else the environment, else defaults.
 * {@code adminKey} is an admin key to accept (LAUREL_ADMIN_KEY); {@code databaseUrl} selects
 * PostgreSQL instead of the embedded store (LAUREL_DATABASE_URL); null when not given.
 */
public record Settings(int port, Path dataDir, Path configFile, String adminKey, String databaseUrl) {

  public Settings(int port, Path dataDir, Path configFile, String adminKey) {
    this(port, dataDir, configFile, adminKey, null);
  }

  /** Opens the store these settings select. */
  public dev.laurel.store.Database openDatabase() {
    return databaseUrl == null || databaseUrl.isBlank()
        ? dev.laurel.store.Database.openSqlite(dataDir)
        : dev.laurel.store.DatabaseUrl.parse(databaseUrl).open();
  }
}
