import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark of the whole event path (issue 8). Starts `laurel serve` as its own process with
 * the benchmark configuration, warms the store with one event per user and the JIT with 10 s of
 * events of existing users (not measured), then measures, in one run:
 * GET /health throughput (the reference) and sustained events/s from many concurrent connections,
 * side by side in {@code --rounds} rounds (3; the medians are reported), and latency percentiles
 * at fixed offered loads (open loop: latency counts from the intended send time, so a stalled
 * server cannot hide its queueing), plus the server's CPU and RSS.
 *
 * <p>Run with `bench/ingest/run.sh [sqlite|postgres]`; it needs the built server jar.
 */
public final class IngestBenchmark {
  static final String KEY = "benchkey.BenchmarkBenchmarkBenchmarkBenchmark00";
  static final String[] METRICS = {"flashcards-flipped", "quizzes-completed", "lessons-completed"};
  static final String[] PLANS = {"free", "pro", "team"};

  /** The launcher's defaults (the script {@code laurel}): its heap limit and G1 settings. */
  static final List<String> SERVER_JVM =
      List.of(
          "-Xms288m", "-Xmx288m", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=50",
          "-XX:G1ReservePercent=15");

  record Options(String backend, int users, int seconds, int connections, int[] rates, int rounds, Path jar, Path config) {}

  /** The unmeasured warm-up of the update path that precedes the measured phases. */
  private static final int WARM_SECONDS = 10;

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    int port = freePort();
    Path data = Files.createTempDirectory("laurel-bench");
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(SERVER_JVM);
    String extra = System.getenv("LAUREL_BENCH_SERVER_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-jar", o.jar().toString(),
        "serve", "--port", String.valueOf(port), "--data", data.toString(), "--config", o.config().toString()));
    String dbName = null;
    if (o.backend().equals("postgres")) {
      dbName = "laurel_bench_" + System.nanoTime();
      psql("CREATE DATABASE " + dbName);
      cmd.add("--database");
      cmd.add("postgres://postgres@127.0.0.1:5432/" + dbName);
      cmd.add("--redis");
      cmd.add("redis://127.0.0.1:6379/0?prefix=" + dbName + ":");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
    pb.environment().put("LAUREL_ADMIN_KEY", KEY);
    Process server = pb.start();
    try {
      String base = "http://127.0.0.1:" + port;
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
      waitHealthy(client, base);
      System.out.printf(Locale.ROOT, "# Laurel ingest benchmark — backend %s, %d users, %d connections, %d s per phase%n",
          o.backend(), o.users(), o.connections(), o.seconds());
      System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

      Result warm = closedLoop(client, o.connections(), Integer.MAX_VALUE, o.users(), i -> eventRequest(base, "user-" + i));
      System.out.printf(Locale.ROOT, "warm-up: %d users created with one event each in %.1f s (%.0f events/s)%n",
          warm.count(), warm.seconds(), warm.count() / warm.seconds());
      // Not measured: the update path of existing users, compiled by the JIT before the phases time it.
      Result jit = closedLoop(client, o.connections(), WARM_SECONDS, Long.MAX_VALUE, i -> eventRequest(base, randomUser(o.users())));
      System.out.printf(Locale.ROOT, "warm-up: %d events of existing users in %.1f s (%.0f events/s), not measured%n",
          jit.count(), jit.seconds(), jit.count() / jit.seconds());

      // Rounds of the two closed loops side by side: on a shared machine either phase can meet a
      // slow spell, so each round's ratio compares neighbouring phases and the median is reported.
      List<String> rows = new ArrayList<>();
      double[] ingestRates = new double[o.rounds()];
      double[] ratios = new double[o.rounds()];
      for (int round = 0; round < o.rounds(); round++) {
        String of = o.rounds() == 1 ? "" : " (round " + (round + 1) + ")";
        Phase health = phase(server.pid(), () -> closedLoop(client, o.connections(), o.seconds(), Long.MAX_VALUE,
            i -> HttpRequest.newBuilder(URI.create(base + "/health")).GET().build()));
        rows.add(row("GET /health, closed loop" + of, health));
        Phase ingest = phase(server.pid(), () -> closedLoop(client, o.connections(), o.seconds(), Long.MAX_VALUE,
            i -> eventRequest(base, randomUser(o.users()))));
        rows.add(row("events, closed loop (max sustained)" + of, ingest));
        ingestRates[round] = ingest.result().rate();
        ratios[round] = 100.0 * ingest.result().rate() / health.result().rate();
      }
      for (int rate : o.rates()) {
        Phase r = phase(server.pid(), () -> openLoop(client, rate, o.seconds(), i -> eventRequest(base, randomUser(o.users()))));
        rows.add(row("events at " + rate + "/s offered, open loop", r));
      }
      System.out.println();
      System.out.println("| phase | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU (cores) |");
      System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
      rows.forEach(System.out::println);
      System.out.println();
      System.out.printf(Locale.ROOT, "events/s, closed loop: median %.0f of %d rounds%n", median(ingestRates), o.rounds());
      System.out.printf(Locale.ROOT, "ingest / health throughput: %.1f%% (median of %d rounds: %s)%n", median(ratios), o.rounds(),
          Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.1f%%", r)).collect(java.util.stream.Collectors.joining(", ")));
      System.out.printf(Locale.ROOT, "server RSS after the run: %d MiB%n", rssKiB(server.pid()) / 1024);
      if (System.getenv("LAUREL_BENCH_DIAGNOSE") != null) {
        diagnose(server.pid());
      }
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      server.destroyForcibly();
      if (System.getenv("LAUREL_BENCH_KEEP_DATA") == null) {
        deleteTree(data);
      } else {
        System.out.println("store and server log kept in " + data);
      }
      if (dbName != null && System.getenv("LAUREL_BENCH_KEEP_DATA") != null) {
        System.out.println("PostgreSQL database kept: " + dbName + " (its rankings stay in Redis under " + dbName + ":*)");
      } else if (dbName != null) {
        psql("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
        new ProcessBuilder("sh", "-c", "redis-cli --scan --pattern '" + dbName + ":*' | xargs -r redis-cli del > /dev/null")
            .inheritIO().start().waitFor();
      }
    }
  }

  /**
   * With {@code LAUREL_BENCH_DIAGNOSE} set: the server's largest heap classes and, if it runs with
   * {@code -XX:NativeMemoryTracking=summary}, its native memory by category (needs {@code jcmd}).
   */
  static void diagnose(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(javaBin()).resolveSibling("jcmd").toString();
    for (String command : List.of("GC.class_histogram", "VM.native_memory summary")) {
      System.out.println("\n## jcmd " + command);
      List<String> args = new ArrayList<>(List.of(jcmd, String.valueOf(pid)));
      args.addAll(Arrays.asList(command.split(" ")));
      Process run = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      run.waitFor();
      out.lines().limit(command.startsWith("GC") ? 25 : 60).forEach(System.out::println);
      if (command.startsWith("GC")) {
        out.lines().filter(l -> l.startsWith("Total")).forEach(System.out::println);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A request factory by sequence number. */
  interface Requests {
    HttpRequest make(long i);
  }

  /** {@code refused}: the errors that were 503 answers (the server at capacity, ERR-2). */
  record Result(long count, long errors, long refused, double seconds, long[] latenciesNanos) {
    double rate() {
      return count / seconds;
    }

    double percentileMs(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int idx = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, idx)] / 1e6;
    }
  }

  /** A measured phase: its result, and the server's CPU in cores while it ran. */
  record Phase(Result result, double serverCores) {}

  static Phase phase(long pid, java.util.concurrent.Callable<Result> run) throws Exception {
    long cpu0 = cpuTicks(pid);
    long t0 = System.nanoTime();
    Result r = run.call();
    return new Phase(r, cpuSeconds(pid, cpu0) / ((System.nanoTime() - t0) / 1e9));
  }

  static String row(String name, Phase phase) {
    Result r = phase.result();
    String errors = r.refused() == 0 ? String.valueOf(r.errors()) : r.errors() + " (" + r.refused() + " × 503)";
    return String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %s | %.2f |", name, r.rate(), r.percentileMs(50), r.percentileMs(99),
        r.percentileMs(99.9), errors, phase.serverCores());
  }

  /** The middle value (the mean of the two middle ones for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** {@code connections} workers each send one request at a time, for {@code seconds} or {@code limit} requests. */
  static Result closedLoop(HttpClient client, int connections, int seconds, long limit, Requests requests) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long deadline = seconds == Integer.MAX_VALUE ? Long.MAX_VALUE : start + seconds * 1_000_000_000L;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < connections; c++) {
        workers.submit(() -> {
          long[] mine = new long[1 << 16];
          int n = 0;
          long i;
          while ((i = next.getAndIncrement()) < limit && System.nanoTime() < deadline) {
            long s = System.nanoTime();
            try {
              HttpResponse<Void> r = client.send(requests.make(i), HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() >= 300) {
                errors.incrementAndGet();
                if (r.statusCode() == 503) {
                  refused.incrementAndGet();
                }
              }
            } catch (IOException | InterruptedException e) {
              errors.incrementAndGet();
            }
            if (n == mine.length) {
              mine = Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = System.nanoTime() - s;
          }
          latencies.add(Arrays.copyOf(mine, n));
          return null;
        });
      }
    }
    return result(latencies, errors.get(), refused.get(), (System.nanoTime() - start) / 1e9);
  }

  /** Requests sent at a constant rate whatever the responses do; latency from the intended send time. */
  static Result openLoop(HttpClient client, int rate, int seconds, Requests requests) throws Exception {
    long total = (long) rate * seconds;
    long intervalNanos = 1_000_000_000L / rate;
    long[] latencies = new long[(int) total];
    AtomicLong errors = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<CompletableFuture<Void>> pending = new ArrayList<>((int) total);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      final int idx = i;
      pending.add(client.sendAsync(requests.make(i), HttpResponse.BodyHandlers.discarding())
          .handle((r, e) -> {
            latencies[idx] = System.nanoTime() - intended;
            if (e != null || r.statusCode() >= 300) {
              errors.incrementAndGet();
            }
            if (e == null && r.statusCode() == 503) {
              refused.incrementAndGet();
            }
            return null;
          }));
    }
    try {
      CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(seconds + 30L, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // Overload: requests still unanswered 30 s after the phase count as errors at that latency.
      long now = System.nanoTime();
      for (int i = 0; i < pending.size(); i++) {
        if (!pending.get(i).isDone()) {
          pending.get(i).cancel(true);
          latencies[i] = now - (start + i * intervalNanos);
          errors.incrementAndGet();
        }
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Result(total, errors.get(), refused.get(), elapsed, latencies);
  }

  static Result result(ConcurrentLinkedQueue<long[]> parts, long errors, long refused, double seconds) {
    long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return new Result(all.length, errors, refused, seconds, all);
  }

  static HttpRequest eventRequest(String base, String userId) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String metric = METRICS[r.nextInt(METRICS.length)];
    String body = "{\"user\":{\"id\":\"" + userId + "\",\"tz\":\"Europe/London\",\"attributes\":{\"plan\":\"" + PLANS[Math.floorMod(userId.hashCode(), 3)]
        + "\"}},\"value\":" + (1 + r.nextInt(5)) + ",\"attributes\":{\"deck\":\"deck-" + r.nextInt(20) + "\"}}";
    return HttpRequest.newBuilder(URI.create(base + "/v1/metrics/" + metric + "/event"))
        .header("X-API-KEY", KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** A skewed spread: a few users are very active, most rarely (index = n · u³). */
  static String randomUser(int users) {
    double u = ThreadLocalRandom.current().nextDouble();
    return "user-" + (int) (users * u * u * u);
  }

  static void waitHealthy(HttpClient client, String base) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("server did not become healthy");
  }

  static long cpuTicks(long pid) throws IOException {
    String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static double cpuSeconds(long pid, long since) throws IOException {
    return (cpuTicks(pid) - since) / 100.0;
  }

  static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  static void psql(String sql) throws Exception {
    Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql).inheritIO().start();
    p.waitFor();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Options parse(String[] args) {
    String backend = "sqlite";
    int users = 100_000;
    int seconds = 15;
    int connections = 64;
    int[] rates = {1000, 2500, 5000};
    int rounds = 3;
    Path jar = Path.of("server/target/laurel.jar");
    Path config = Path.of("bench/ingest/ingest.yaml");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> backend = args[++i];
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--rounds" -> rounds = Math.max(1, Integer.parseInt(args[++i]));
        case "--jar" -> jar = Path.of(args[++i]);
        case "--config" -> config = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(backend, users, seconds, connections, rates, rounds, jar, config);
  }
}
