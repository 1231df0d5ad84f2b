package dev.laurel.server;

import dev.laurel.server.auth.ApiKeys;
import dev.laurel.server.config.ConfigFile;
import dev.laurel.server.config.ConfigFileException;
import dev.laurel.store.ApiKeyRecord;
import dev.laurel.store.ConfigRepository;
import dev.laurel.store.Database;
import dev.laurel.store.Environment;
import dev.laurel.store.KeyRepository;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code laurel} command: {@code serve}, {@code keys}, {@code migrate}, {@code config}. */
@Command(
    name = "laurel",
    mixinStandardHelpOptions = true,
    version = "laurel 0.1.0",
    description = "Self-hostable gamification server.",
    subcommands = {
      Main.Serve.class,
      Main.Keys.class,
      Main.Migrate.class,
      Main.CheckConfig.class,
      Main.CopyStore.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static void main(String[] args) {
    int code =
        new CommandLine(new Main())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  cmd.getErr().println("laurel: " + e.getMessage());
                  return 1;
                })
            .execute(args);
    if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Options shared by every command that opens the store. */
  static class StoreOptions {
    @Option(
        names = "--data",
        defaultValue = "${env:LAUREL_DATA_DIR:-./data}",
        description = "Data directory of the embedded store (env LAUREL_DATA_DIR, default ./data).")
    Path dataDir;

    @Option(
        names = "--database",
        defaultValue = "${env:LAUREL_DATABASE_URL}",
        description = "PostgreSQL URL (postgres://user:password@host:5432/db or jdbc:postgresql:...) instead of the embedded store (env LAUREL_DATABASE_URL).")
    String databaseUrl;

    @Option(
        names = "--database-pool",
        defaultValue = "${env:LAUREL_DATABASE_POOL:-" + Database.DEFAULT_POSTGRES_POOL + "}",
        description = "Connections this node keeps to PostgreSQL (env LAUREL_DATABASE_POOL, default "
            + Database.DEFAULT_POSTGRES_POOL + "); all nodes together must stay under its max_connections.")
    int databasePool;

    Settings settings(int port, Path config) {
      return settings(port, config, null);
    }

    Settings settings(int port, Path config, String redisUrl) {
      return new Settings(
          port, dataDir, config, System.getenv("LAUREL_ADMIN_KEY"), databaseUrl, redisUrl, databasePool);
    }

    Database open() {
      return settings(0, null).openDatabase();
    }
  }

  @Command(name = "serve", description = "Start the HTTP server.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--port", defaultValue = "${env:LAUREL_PORT:-8080}", description = "Listen port (env LAUREL_PORT, default 8080).")
    int port;

    @Option(names = "--config", defaultValue = "${env:LAUREL_CONFIG}", description = "Configuration file to apply at start (env LAUREL_CONFIG).")
    Path config;

    @Option(
        names = "--redis",
        defaultValue = "${env:LAUREL_REDIS_URL}",
        description = "Redis URL (redis://host:6379/0) holding the leaderboard rankings shared by several nodes; needs --database (env LAUREL_REDIS_URL).")
    String redisUrl;

    @Option(
        names = "--compression-min-bytes",
        defaultValue = "${env:LAUREL_COMPRESSION_MIN_BYTES:-" + Settings.DEFAULT_COMPRESSION_MIN_BYTES + "}",
        description = "JSON responses of at least this many bytes are gzipped for clients that accept it; 0 for none"
            + " (env LAUREL_COMPRESSION_MIN_BYTES, default " + Settings.DEFAULT_COMPRESSION_MIN_BYTES + ").")
    int compressionMinBytes;

    @Override
    public Integer call() throws InterruptedException {
      Settings settings = store.settings(port, config, redisUrl).withCompressionMinBytes(compressionMinBytes);
      settings.check();
      Laurel laurel;
      try {
        laurel = Laurel.start(settings, InstantSource.system(), System.out);
      } catch (ConfigFileException e) {
        System.err.println("laurel: " + e.getMessage());
        return 2;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        laurel.close();
        stopped.countDown();
      }));
      System.out.println(
          "Laurel listening on http://127.0.0.1:" + laurel.port() + " (store: "
              + (store.databaseUrl == null ? store.dataDir : "PostgreSQL")
              + (settings.usesRedis() ? ", rankings: Redis" : "") + ")");
      stopped.await();
      return 0;
    }
  }

  @Command(name = "migrate", description = "Create or upgrade the store's schema, then exit.")
  static final class Migrate implements Callable<Integer> {
    @CommandLine.Mixin StoreOptions store = new StoreOptions();

    @Override
    public Integer call() {
      try (Database db = store.open()) {
        System.out.println("schema is up to date (" + db.dialect().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      return 0;
    }
  }

  @Command(
      name = "copy-store",
      description = "Copy the embedded store (--data) into an empty PostgreSQL store (--to), e.g. to move to several nodes.")
  static final class CopyStore implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "${env:LAUREL_DATA_DIR:-./data}", description = "Data directory of the embedded store to copy (default ./data).")
    Path dataDir;

    @Option(names = "--to", required = true, description = "PostgreSQL URL of the target (postgres://user:password@host:5432/db); its schema is created if needed, its data must be empty.")
    String target;

    @Override
    public Integer call() {
      if (!java.nio.file.Files.exists(dataDir.resolve("laurel.db"))) {
        System.err.println("laurel: no embedded store at " + dataDir.resolve("laurel.db"));
        return 1;
      }
      try (Database from = Database.openSqlite(dataDir);
          Database to = dev.laurel.store.DatabaseUrl.parse(target).open()) {
        dev.laurel.store.StoreCopy.copy(from, to).forEach((table, rows) -> System.out.printf("%-24s %d rows%n", table, rows));
      }
      return 0;
    }
  }

  @Command(name = "check-config", description = "Validate a configuration file without applying it.")
  static final class CheckConfig implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      try {
        ConfigFile.load(file);
        System.out.println(file + ": ok");
        return 0;
      } catch (ConfigFileException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }

  @Command(
      name = "keys",
      description = "Manage admin API keys (CFG-5).",
      subcommands = {Keys.Create.class, Keys.ListKeys.class, Keys.Revoke.class, Keys.Reactivate.class, Keys.Rotate.class, Keys.Delete.class})
  static final class Keys implements Runnable {
    /** AUTH-9: admin keys per environment. */
    static final int MAX_PER_ENVIRONMENT = 3;

    @Override
    public void run() {
      CommandLine.usage(this, System.out);
    }

    abstract static class KeyCommand implements Callable<Integer> {
      @CommandLine.Mixin StoreOptions store = new StoreOptions();

      @Option(names = "--env", defaultValue = "production", description = "Environment key (default production).")
      String env;

      @Override
      public Integer call() {
        try (Database db = store.open()) {
          ConfigRepository config = new ConfigRepository(db);
          Environment e =
              env.equals("production")
                  ? config.ensureEnvironment("production", "Production", "production", InstantSource.system().instant())
                  : config.environmentByKey(env);
          if (e == null) {
            System.err.println("laurel: no environment with key " + env);
            return 1;
          }
          KeyRepository keys = new KeyRepository(db);
          return run(db, e, keys, new ApiKeys(keys, InstantSource.system()));
        }
      }

      abstract int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys);
    }

    @Command(name = "create", description = "Create an admin key and print it once.")
    static final class Create extends KeyCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        if (keys.adminKeys(env.id()).size() >= MAX_PER_ENVIRONMENT) {
          System.err.println("laurel: environment " + env.key() + " already has " + MAX_PER_ENVIRONMENT + " admin keys; delete one first");
          return 1;
        }
        ApiKeys.NewKey key = apiKeys.newAdminKey();
        db.write(tx -> {
          keys.insertAdminKey(tx, UUID.randomUUID().toString(), env.id(), key.prefix(), key.hash(), InstantSource.system().instant());
          return null;
        });
        System.out.println(key.full());
        return 0;
      }
    }

    @Command(name = "list", description = "List admin keys: prefix, status, created, last used.")
    static final class ListKeys extends KeyCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        System.out.printf("%-10s %-8s %-26s %s%n", "PREFIX", "STATUS", "CREATED", "LAST USED");
        for (ApiKeyRecord k : keys.adminKeys(env.id())) {
          System.out.printf("%-10s %-8s %-26s %s%n", k.prefix(), k.status(), k.created(), k.lastUsed() == null ? "never" : k.lastUsed());
        }
        return 0;
      }
    }

    abstract static class PrefixCommand extends KeyCommand {
      @Parameters(paramLabel = "PREFIX", description = "The key's prefix (the part before the dot).")
      String prefix;

      int done(boolean found, String what) {
        if (!found) {
          System.err.println("laurel: no admin key with prefix " + prefix);
          return 1;
        }
        System.out.println(what + " " + prefix);
        return 0;
      }
    }

    @Command(name = "revoke", description = "Revoke a key: it stops working until reactivated.")
    static final class Revoke extends PrefixCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        return done(keys.setAdminKeyStatus(prefix, "revoked"), "revoked");
      }
    }

    @Command(name = "reactivate", description = "Reactivate a revoked key.")
    static final class Reactivate extends PrefixCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        return done(keys.setAdminKeyStatus(prefix, "active"), "reactivated");
      }
    }

    @Command(name = "delete", description = "Delete a key for good.")
    static final class Delete extends PrefixCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        return done(keys.deleteAdminKey(prefix), "deleted");
      }
    }

    @Command(name = "rotate", description = "Replace a key's prefix and secret; prints the new key once.")
    static final class Rotate extends PrefixCommand {
      @Override
      int run(Database db, Environment env, KeyRepository keys, ApiKeys apiKeys) {
        ApiKeys.NewKey key = apiKeys.newAdminKey();
        if (!keys.rotateAdminKey(prefix, key.prefix(), key.hash())) {
          return done(false, "");
        }
        System.out.println(key.full());
        return 0;
      }
    }
  }
}
