package dev.laurel.server;

import java.nio.file.Path;

/**
 * Start-up settings of a server: from command-line options, else the environment, else defaults.
 * {@code adminKey} is an admin key to accept (LAUREL_ADMIN_KEY); {@code databaseUrl} selects
 * PostgreSQL instead of the embedded store (LAUREL_DATABASE_URL); {@code redisUrl} keeps the
 * leaderboard rankings in Redis, shared by the nodes of one PostgreSQL store (LAUREL_REDIS_URL);
 * null when not given. {@code databasePool} is how many connections the node keeps to PostgreSQL
 * (LAUREL_DATABASE_POOL). {@code compressionMinBytes}: JSON responses of at least that many bytes
 * are gzipped for clients that accept it, 0 for none (LAUREL_COMPRESSION_MIN_BYTES).
 */
public record Settings(
    int port,
    Path dataDir,
    Path configFile,
    String adminKey,
    String databaseUrl,
    String redisUrl,
    int databasePool,
    int compressionMinBytes) {

  /**
   * Issue 8: gzip from Javalin's default of 1,500 bytes took about an eighth of the event route's
   * throughput (an event's response is usually smaller than this: 3.8 KiB in the benchmark's
   * configuration). Larger responses (lists, pages of rankings) are compressed. A larger threshold
   * enlarges the buffer each response is copied through to as much (Javalin decides on its first
   * write).
   */
  public static final int DEFAULT_COMPRESSION_MIN_BYTES = 4096;

  public Settings {
    if (compressionMinBytes < 0) {
      throw new IllegalArgumentException(
          "--compression-min-bytes must be 0 (no compression) or more, got " + compressionMinBytes);
    }
  }

  public Settings(
      int port, Path dataDir, Path configFile, String adminKey, String databaseUrl, String redisUrl, int databasePool) {
    this(port, dataDir, configFile, adminKey, databaseUrl, redisUrl, databasePool, DEFAULT_COMPRESSION_MIN_BYTES);
  }

  public Settings(int port, Path dataDir, Path configFile, String adminKey) {
    this(port, dataDir, configFile, adminKey, null, null);
  }

  public Settings(
      int port, Path dataDir, Path configFile, String adminKey, String databaseUrl, String redisUrl) {
    this(port, dataDir, configFile, adminKey, databaseUrl, redisUrl, dev.laurel.store.Database.DEFAULT_POSTGRES_POOL);
  }

  public Settings(int port, Path dataDir, Path configFile, String adminKey, String databaseUrl) {
    this(port, dataDir, configFile, adminKey, databaseUrl, null);
  }

  /** These settings with another compression threshold. */
  public Settings withCompressionMinBytes(int minBytes) {
    return new Settings(port, dataDir, configFile, adminKey, databaseUrl, redisUrl, databasePool, minBytes);
  }

  /** Whether the rankings live in Redis. */
  public boolean usesRedis() {
    return redisUrl != null && !redisUrl.isBlank();
  }

  /**
   * @throws IllegalArgumentException when Redis is asked for without PostgreSQL: the rankings in
   *     Redis are shared by several nodes, which only PostgreSQL lets share a store
   */
  public void check() {
    if (usesRedis() && (databaseUrl == null || databaseUrl.isBlank())) {
      throw new IllegalArgumentException(
          "--redis (LAUREL_REDIS_URL) needs --database (LAUREL_DATABASE_URL): rankings in Redis are for"
              + " several nodes sharing one PostgreSQL store; the embedded store keeps them in memory");
    }
  }

  /** Opens the store these settings select. */
  public dev.laurel.store.Database openDatabase() {
    return databaseUrl == null || databaseUrl.isBlank()
        ? dev.laurel.store.Database.openSqlite(dataDir)
        : dev.laurel.store.DatabaseUrl.parse(databaseUrl).open(databasePool);
  }
}
