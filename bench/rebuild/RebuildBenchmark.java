import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 6, "rebuilt from the store at start": the time a server takes to rebuild a leaderboard of N
 * participants from the embedded store when it starts. Starts {@code laurel serve} once with
 * bench/rebuild/rebuild.yaml (one metric, one all-time leaderboard) and records one event, so that
 * the store holds the leaderboard and one real entry; stops it; writes N entries shaped like that
 * one (UUID user ids, values 1…N so that values tie, reach instants over 30 days) straight into the
 * store — as users rows whose document holds the entry (V13: a user's entry in the latest run of a
 * leaderboard lives there), or with {@code --rows} as rows of leaderboard_entries (where entries of
 * earlier runs live); starts the server again and reads its log line "rebuilt … rankings from … stored entries in
 * … ms" (CON-14), the time from process start to a 200 from {@code GET /health}, and checks the
 * rebuilt rankings against the entries (top 3, and a sampled user's rank, LB-10).
 *
 * <p>Run with the server's jar on the class path (for the SQLite driver): {@code
 * bench/rebuild/run.sh [--entries 1000000] [--rows]}.
 */
public final class RebuildBenchmark {
  static final String KEY = "benchkey.BenchmarkBenchmarkBenchmarkBenchmark00";
  static final long T0 = 1_764_547_200_000L; // 2025-12-01T00:00:00Z
  static final long SPAN = 30L * 24 * 3600 * 1000;
  static final Pattern REBUILT = Pattern.compile("rebuilt (\\d+) rankings from (\\d+) stored entries in (\\d+) ms");

  public static void main(String[] args) throws Exception {
    int entries = 1_000_000;
    boolean rows = false;
    Path jar = Path.of("server/target/laurel.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entries" -> entries = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--rows" -> rows = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path data = Files.createTempDirectory("laurel-rebuild");
    try {
      Server first = Server.start(jar, data);
      first.post("/v1/metrics/flashcards-flipped/event", "{\"user\":{\"id\":\"seed-user\"},\"value\":1}");
      first.stop();

      long written = writeEntries(data.resolve("laurel.db"), entries, rows);
      System.out.printf(Locale.ROOT, "# Laurel rankings rebuild at start — %,d participants in one leaderboard (embedded store)%n", entries + 1);
      System.out.printf(Locale.ROOT, "machine: %d cores, java %s; load average before: %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
      System.out.printf(Locale.ROOT, "entries written to the store, as %s, in %.1f s%n",
          rows ? "rows of leaderboard_entries" : "users rows' documents", written / 1e9);

      Server second = Server.start(jar, data);
      Matcher m = REBUILT.matcher(second.log());
      if (!m.find()) {
        throw new IllegalStateException("no rebuild line in the server log:\n" + second.log());
      }
      System.out.printf(Locale.ROOT, "rebuild (log): %s rankings from %s stored entries in %s ms%n", m.group(1), m.group(2), m.group(3));
      System.out.printf(Locale.ROOT, "start to GET /health 200: %d ms%n", second.startMillis());
      String top = second.get("/v1/leaderboards/all-time-flips?limit=3");
      String expected = "{\"userId\":\"top-user\",\"userName\":null,\"rank\":1,\"value\":" + entries + "}";
      System.out.println("top 3: " + top.substring(top.indexOf("\"rankings\"")));
      if (!top.contains(expected)) {
        throw new IllegalStateException("the rebuilt leaderboard does not start with top-user at " + entries);
      }
      second.stop();
    } finally {
      if (System.getenv("LAUREL_BENCH_KEEP_DATA") != null) {
        System.out.println("store and server logs kept in " + data);
      } else {
        try (Stream<Path> files = Files.walk(data)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Copies the seed entry's scope and run to {@code n} new users, as their users rows' documents or
   * as rows; returns the nanoseconds taken.
   */
  static long writeEntries(Path db, int n, boolean rows) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      String leaderboard;
      String run;
      String env;
      String tenant;
      String group;
      try (PreparedStatement ps = c.prepareStatement(
              // the seed user's entry is their latest, in their users row's document (V13)
              "SELECT j.key, json_extract(j.value, '$[0]'), u.env_id, u.tenant_id, json_extract(j.value, '$[1]')"
                  + " FROM users u, json_each(u.leaderboards) j WHERE u.id = 'seed-user'");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("the seed event left no leaderboard entry");
        }
        leaderboard = rs.getString(1);
        run = rs.getString(2);
        env = rs.getString(3);
        tenant = rs.getString(4);
        group = rs.getString(5);
      }
      c.setAutoCommit(false);
      SplittableRandom random = new SplittableRandom(42);
      try (PreparedStatement ps = c.prepareStatement(rows
          ? "INSERT INTO leaderboard_entries (leaderboard_id, run_start, user_id, env_id, tenant_id, grp, value, reached_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          : "INSERT INTO users (env_id, tenant_id, id, email, name, tz, device_tokens, subscribe_to_emails, attributes,"
              + " control, preferences, created, updated, leaderboards) SELECT env_id, tenant_id, ?, email, name, tz,"
              + " device_tokens, subscribe_to_emails, attributes, control, preferences, created, updated,"
              + " json_object(?, json_array(?, ?, ?, ?)) FROM users WHERE env_id = ? AND tenant_id = ? AND id = 'seed-user'")) {
        for (int i = 0; i <= n; i++) {
          boolean top = i == n; // one user at the highest value, reached first: LB-10's rank 1
          String user = top ? "top-user" : new UUID(random.nextLong(), random.nextLong()).toString();
          String value = Long.toString(top ? n : 1 + random.nextInt(n));
          long reached = top ? T0 : T0 + 1 + random.nextLong(SPAN);
          Object[] values = rows
              ? new Object[] {leaderboard, run, user, env, tenant, group, value, reached}
              : new Object[] {user, leaderboard, run, group, value, reached, env, tenant};
          for (int k = 0; k < values.length; k++) {
            ps.setObject(k + 1, values[k]);
          }
          ps.addBatch();
          if (i % 10_000 == 0 || top) {
            ps.executeBatch();
          }
        }
      }
      c.commit();
    }
    return System.nanoTime() - t0;
  }

  static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /** One {@code laurel serve} process on a free port, its output in a log file of the data dir. */
  record Server(Process process, HttpClient client, String base, Path logFile, long startMillis) {
    static Server start(Path jar, Path data) throws Exception {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = data.resolve("server-" + System.nanoTime() + ".log");
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx288m",
          "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data", data.toString(),
          "--config", "bench/rebuild/rebuild.yaml"));
      String extra = System.getenv("LAUREL_BENCH_SERVER_OPTS");
      if (extra != null && !extra.isBlank()) {
        cmd.addAll(3, List.of(extra.trim().split("\\s+")));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("LAUREL_ADMIN_KEY", KEY);
      long t0 = System.nanoTime();
      Process process = pb.start();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + port;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("laurel exited during start:\n" + Files.readString(log));
        }
        try {
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("laurel did not answer /health within 120 s:\n" + Files.readString(log));
        }
        Thread.sleep(20);
      }
      return new Server(process, client, base, log, (System.nanoTime() - t0) / 1_000_000);
    }

    String log() throws IOException {
      return Files.readString(logFile);
    }

    String get(String path) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-KEY", KEY).build();
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    }

    void post(String path, String body) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-KEY", KEY)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
