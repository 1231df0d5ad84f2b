import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load benchmark of the whole event path (issue 8). Starts `laurel serve` as its own process with
 * the benchmark configuration, warms the store with one event per user and the JIT with 10 s of
 * events of existing users (not measured), then measures, in one run:
 * GET /health throughput (the reference) and sustained events/s from many concurrent connections,
 * side by side in {@code --rounds} rounds (3; the medians are reported), and latency percentiles
 * at fixed offered loads (open loop: latency counts from the intended send time, so a stalled
 * server cannot hide its queueing), each rate once a round after those (the median p99 of each
 * rate is reported), plus the server's CPU and RSS.
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
          "-XX:G1ReservePercent=15", "-XX:MaxTenuringThreshold=1");

  record Options(
      String backend, int users, int seconds, int connections, int[] rates, int rounds, Path jar, Path config,
      boolean compressed) {}

  /**
   * What the official SDKs' HTTP clients (Node's fetch) send, so that the server compresses the
   * responses it would compress for them; {@code --uncompressed} leaves it out.
   */
  static final String ACCEPT_ENCODING = "Accept-Encoding: gzip, deflate\r\n";

  /** The unmeasured warm-up of the update path that precedes the measured phases. */
  private static final int WARM_SECONDS = 10;

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--self-test")) {
      selfTest();
      return;
    }
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
      String host = "127.0.0.1:" + port;
      Loader loader = new Loader(port);
      waitHealthy(loader, host);
      System.out.printf(Locale.ROOT, "# Laurel ingest benchmark — backend %s, %d users, %d connections, %d s per phase, %s%n",
          o.backend(), o.users(), o.connections(), o.seconds(),
          o.compressed() ? "responses compressed as for the SDKs" : "responses uncompressed");
      System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

      Result warm = loader.closedLoop(o.connections(), Integer.MAX_VALUE, o.users(), i -> eventRequest(host, "user-" + i, o.compressed()));
      System.out.printf(Locale.ROOT, "warm-up: %d users created with one event each in %.1f s (%.0f events/s)%n",
          warm.count(), warm.seconds(), warm.count() / warm.seconds());
      // Not measured: the update path of existing users, compiled by the JIT before the phases time it.
      Result jit = loader.closedLoop(o.connections(), WARM_SECONDS, Long.MAX_VALUE, i -> eventRequest(host, randomUser(o.users()), o.compressed()));
      System.out.printf(Locale.ROOT, "warm-up: %d events of existing users in %.1f s (%.0f events/s), not measured%n",
          jit.count(), jit.seconds(), jit.count() / jit.seconds());

      // Rounds of the two closed loops side by side: on a shared machine either phase can meet a
      // slow spell, so each round's ratio compares neighbouring phases and the median is reported.
      List<String> rows = new ArrayList<>();
      double[] ingestRates = new double[o.rounds()];
      double[] ratios = new double[o.rounds()];
      byte[] healthRequest = Http.request("GET", host, "/health", "", null);
      for (int round = 0; round < o.rounds(); round++) {
        String of = o.rounds() == 1 ? "" : " (round " + (round + 1) + ")";
        Phase health = phase(server.pid(), () -> loader.closedLoop(o.connections(), o.seconds(), Long.MAX_VALUE,
            i -> healthRequest));
        rows.add(row("GET /health, closed loop" + of, health));
        Phase ingest = phase(server.pid(), () -> loader.closedLoop(o.connections(), o.seconds(), Long.MAX_VALUE,
            i -> eventRequest(host, randomUser(o.users()), o.compressed())));
        rows.add(row("events, closed loop (max sustained)" + of, ingest));
        ingestRates[round] = ingest.result().rate();
        ratios[round] = 100.0 * ingest.result().rate() / health.result().rate();
      }
      // The fixed rates in rounds too (each rate once per round, in turn): a tail percentile is
      // moved most by a slow spell, so each rate's median of its rounds is reported.
      double[][] p99s = new double[o.rates().length][o.rounds()];
      long[] errors = new long[o.rates().length];
      for (int round = 0; round < o.rounds(); round++) {
        String of = o.rounds() == 1 ? "" : " (round " + (round + 1) + ")";
        for (int k = 0; k < o.rates().length; k++) {
          int rate = o.rates()[k];
          Phase r = phase(server.pid(), () -> loader.openLoop(rate, o.seconds(), i -> eventRequest(host, randomUser(o.users()), o.compressed())));
          rows.add(row("events at " + rate + "/s offered, open loop" + of, r));
          p99s[k][round] = r.result().percentileMs(99);
          errors[k] += r.result().errors();
        }
      }
      System.out.println();
      System.out.println("| phase | requests/s | p50 ms | p99 ms | p99.9 ms | errors | server CPU (cores) | load generator CPU (cores) |");
      System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      rows.forEach(System.out::println);
      System.out.println();
      System.out.printf(Locale.ROOT, "events/s, closed loop: median %.0f of %d rounds%n", median(ingestRates), o.rounds());
      System.out.printf(Locale.ROOT, "ingest / health throughput: %.1f%% (median of %d rounds: %s)%n", median(ratios), o.rounds(),
          joined(ratios, "%.1f%%"));
      for (int k = 0; k < o.rates().length; k++) {
        System.out.printf(Locale.ROOT, "p99 at %d/s offered: median %.1f ms of %d rounds (%s), %d errors in all%n",
            o.rates()[k], median(p99s[k]), o.rounds(),
            joined(p99s[k], "%.1f"), errors[k]);
      }
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

  /** A request's bytes by sequence number. */
  interface Requests {
    byte[] make(long i);
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

  /** A measured phase: its result, and the server's and the load generator's CPU in cores while it ran. */
  record Phase(Result result, double serverCores, double generatorCores) {}

  static Phase phase(long pid, java.util.concurrent.Callable<Result> run) throws Exception {
    long self = ProcessHandle.current().pid();
    long cpu0 = cpuTicks(pid);
    long own0 = cpuTicks(self);
    long t0 = System.nanoTime();
    Result r = run.call();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Phase(r, cpuSeconds(pid, cpu0) / seconds, cpuSeconds(self, own0) / seconds);
  }

  static String row(String name, Phase phase) {
    Result r = phase.result();
    String errors = r.refused() == 0 ? String.valueOf(r.errors()) : r.errors() + " (" + r.refused() + " × 503)";
    return String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %s | %.2f | %.2f |", name, r.rate(), r.percentileMs(50),
        r.percentileMs(99), r.percentileMs(99.9), errors, phase.serverCores(), phase.generatorCores());
  }

  /** The values each formatted with {@code format}, comma-separated, for a summary line. */
  static String joined(double[] values, String format) {
    return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v)).collect(java.util.stream.Collectors.joining(", "));
  }

  /** The middle value (the mean of the two middle ones for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The load generator: one thread and a selector drive every connection (as wrk does), requests
   * are prepared bytes and responses are read only as far as their status and length, so that it
   * takes little of the cores it shares with the server (Java's {@code HttpClient} on virtual
   * threads, used before, took about 0.25 ms of CPU per event request, half of what the server
   * took). HTTP/1.1 with keep-alive and one request at a time per connection, as the SDKs send.
   */
  static final class Loader {
    /** The open loop opens connections as requests wait, up to this many (HttpClient had no bound). */
    static final int MAX_OPEN_LOOP_CONNECTIONS = 4096;
    /** How long after its last scheduled send the open loop waits for answers before counting the rest as errors. */
    static final long GRACE_NANOS = 30_000_000_000L;

    private final InetSocketAddress address;
    private Selector selector;
    private long errors;
    private long refused;
    private long[] latencies = new long[1 << 16];
    private int count;
    private final List<Conn> ready = new ArrayList<>();

    Loader(int port) {
      this.address = new InetSocketAddress("127.0.0.1", port);
    }

    /** One connection: the request being sent, what has arrived of its response, and when it counts from. */
    private final class Conn {
      final SocketChannel channel;
      final SelectionKey key;
      final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
      ByteBuffer out;
      long origin;
      long index = -1;

      /** Opens the connection without waiting for it: a stalled accept queue must not stall the loop. */
      Conn() throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        key = channel.register(selector, 0, this);
      }

      void send(byte[] request, long origin, long index) throws IOException {
        this.out = ByteBuffer.wrap(request);
        this.origin = origin;
        this.index = index;
        in.clear();
        write();
      }

      private void write() throws IOException {
        if (!channel.isConnected()) {
          key.interestOps(SelectionKey.OP_CONNECT);
          return;
        }
        channel.write(out);
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
      }

      /** The response's status once it is whole, 0 while it is not, -1 if the connection failed. */
      int advance() {
        try {
          if (key.isConnectable()) {
            channel.finishConnect();
            write();
            return 0;
          }
          if (key.isWritable() && out.hasRemaining()) {
            write();
          }
          if (!key.isReadable()) {
            return 0;
          }
          int n = channel.read(in);
          if (n < 0) {
            return -1;
          }
          int status = Http.status(in.array(), in.position());
          if (status == 0 && !in.hasRemaining()) {
            return -1; // a response larger than the buffer: not one of this benchmark's
          }
          if (status > 0) {
            key.interestOps(0);
          }
          return status;
        } catch (IOException e) {
          return -1;
        }
      }

      void close() {
        key.cancel();
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }

    private void start() throws IOException {
      selector = Selector.open();
      errors = 0;
      refused = 0;
      count = 0;
    }

    private void record(long latencyNanos, int status) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = latencyNanos;
      if (status < 200 || status >= 300) {
        errors++;
        if (status == 503) {
          refused++; // the server at capacity (ERR-2)
        }
      }
    }

    private Result finish(long startNanos) throws IOException {
      for (SelectionKey k : selector.keys()) {
        ((Conn) k.attachment()).close();
      }
      selector.close();
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      return new Result(count, errors, refused, (System.nanoTime() - startNanos) / 1e9, sorted);
    }

    /** The connections ready after waiting up to {@code nanos} (a list reused by the next call). */
    private List<Conn> select(long nanos) throws IOException {
      if (nanos >= 1_000_000) {
        selector.select(nanos / 1_000_000);
      } else {
        if (nanos > 0) {
          LockSupport.parkNanos(nanos);
        }
        selector.selectNow();
      }
      ready.clear();
      for (SelectionKey k : selector.selectedKeys()) {
        if (k.isValid()) {
          ready.add((Conn) k.attachment());
        }
      }
      selector.selectedKeys().clear();
      return ready;
    }

    /** A new connection, or null (counted as an error) if it cannot be opened. */
    private Conn connect() {
      try {
        return new Conn();
      } catch (IOException e) {
        record(0, -1);
        return null;
      }
    }

    /** Sends on {@code c} (a new connection if null): the connection, or null (counted as an error) if that failed. */
    private Conn send(Conn c, byte[] request, long origin, long index) {
      Conn conn = c != null ? c : connect();
      if (conn == null) {
        return null;
      }
      try {
        conn.send(request, origin, index);
        return conn;
      } catch (IOException e) {
        record(System.nanoTime() - origin, -1);
        conn.close();
        return null;
      }
    }

    /** Whether {@code c}, whose response has come (status &gt; 0) or failed, can carry the next request. */
    private static boolean reusable(Conn c, int status) {
      if (status > 0 && !Http.closes(c.in.array(), c.in.position())) {
        return true;
      }
      c.close();
      return false;
    }

    /** {@code connections} connections each send one request at a time, for {@code seconds} or {@code limit} requests. */
    Result closedLoop(int connections, int seconds, long limit, Requests requests) throws IOException {
      start();
      long startNanos = System.nanoTime();
      long deadline = seconds == Integer.MAX_VALUE ? Long.MAX_VALUE : startNanos + seconds * 1_000_000_000L;
      ArrayDeque<Conn> idle = new ArrayDeque<>();
      long next = 0;
      int busy = 0;
      while (true) {
        long now = System.nanoTime();
        while (busy < connections && next < limit && now < deadline) {
          if (send(idle.poll(), requests.make(next++), now, 0) != null) {
            busy++;
          }
        }
        if (busy == 0) {
          return finish(startNanos);
        }
        for (Conn c : select(100_000_000L)) {
          int status = c.advance();
          if (status != 0) {
            busy--;
            record(System.nanoTime() - c.origin, status);
            if (reusable(c, status)) {
              idle.push(c);
            }
          }
        }
      }
    }

    /**
     * Requests sent at a constant rate whatever the responses do, each on an idle connection or a
     * new one; latency counts from the intended send time, so queueing is not hidden.
     */
    Result openLoop(int rate, int seconds, Requests requests) throws IOException {
      start();
      long total = (long) rate * seconds;
      long interval = 1_000_000_000L / rate;
      long startNanos = System.nanoTime();
      ArrayDeque<Conn> idle = new ArrayDeque<>();
      ArrayDeque<Long> waiting = new ArrayDeque<>();
      int open = 0;
      long sent = 0;
      while (count < total) {
        long now = System.nanoTime();
        while (sent < total && startNanos + sent * interval <= now) {
          waiting.add(sent++);
        }
        while (!waiting.isEmpty() && (!idle.isEmpty() || open < MAX_OPEN_LOOP_CONNECTIONS)) {
          long index = waiting.poll();
          boolean fresh = idle.isEmpty();
          Conn c = send(idle.poll(), requests.make(index), startNanos + index * interval, index);
          open += (fresh && c != null ? 1 : 0) - (!fresh && c == null ? 1 : 0);
        }
        if (sent == total && now > startNanos + total * interval + GRACE_NANOS) {
          // Overload: requests still unanswered 30 s after the phase count as errors at that latency.
          for (SelectionKey k : selector.keys()) {
            long index = ((Conn) k.attachment()).index;
            if (index >= 0) {
              record(now - (startNanos + index * interval), -1);
            }
          }
          waiting.forEach(index -> record(now - (startNanos + index * interval), -1));
          break;
        }
        long wait = sent < total ? startNanos + sent * interval - System.nanoTime() : 100_000_000L;
        for (Conn c : select(wait)) {
          long index = c.index;
          int status = c.advance();
          if (status != 0) {
            record(System.nanoTime() - (startNanos + index * interval), status);
            c.index = -1;
            if (reusable(c, status)) {
              idle.push(c);
            } else {
              open--;
            }
          }
        }
      }
      return finish(startNanos);
    }
  }

  /**
   * The generator's response reading, checked on responses written out (the test command runs
   * this: a response misread would be counted as an error or wait forever, skewing every figure).
   */
  static void selfTest() {
    String head = "HTTP/1.1 201 Created\r\nDate: x\r\nContent-Type: application/json\r\n";
    String chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
    Object[][] cases = {
      {head + "Content-Length: 5\r\n\r\nabcde", 201},
      {head + "Content-Length: 5\r\n\r\nabcd", 0},
      {head + "content-length:  5 \r\n\r\nabcde", 201},
      {chunked + "5\r\nabcde\r\n3\r\nfgh\r\n0\r\n\r\n", 201},
      {chunked + "5\r\nabcde\r\n3\r\nfgh\r\n0\r\n", 0},
      {chunked + "5\r\nabc", 0},
      {chunked + "a;x=1\r\n0123456789\r\n0\r\nT: v\r\n\r\n", 201},
      {"HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n", 204},
      {"HTTP/1.1 503 Service Unavailable\r\nContent-Len", 0},
    };
    for (Object[] c : cases) {
      byte[] b = ((String) c[0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int status = Http.status(b, b.length);
      if (status != (int) c[1]) {
        throw new AssertionError("status " + status + ", expected " + c[1] + ", of: " + c[0]);
      }
    }
    byte[] closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] kept = (head + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (!Http.closes(closing, closing.length) || Http.closes(kept, kept.length)) {
      throw new AssertionError("Connection: close misread");
    }
    System.out.println("load generator self-test: " + (cases.length + 2) + " checks passed");
  }

  /** Just enough of HTTP/1.1 responses for the load generator. */
  static final class Http {
    private Http() {}

    /** The status of the response in {@code b[0, len)} once it is whole (by Content-Length or chunks), else 0. */
    static int status(byte[] b, int len) {
      int headersEnd = indexOf(b, 0, len, "\r\n\r\n");
      if (headersEnd < 0) {
        return 0;
      }
      int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
      int body = headersEnd + 4;
      String length = header(b, headersEnd, "content-length");
      if (length != null) {
        return len >= body + Integer.parseInt(length.trim()) ? status : 0;
      }
      String encoding = header(b, headersEnd, "transfer-encoding");
      if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
        int pos = body;
        while (true) {
          int lineEnd = indexOf(b, pos, len, "\r\n");
          if (lineEnd < 0) {
            return 0;
          }
          String size = new String(b, pos, lineEnd - pos, java.nio.charset.StandardCharsets.US_ASCII);
          int semi = size.indexOf(';');
          int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
          pos = lineEnd + 2;
          if (n == 0) {
            return pos + 2 <= len && b[pos] == '\r' && b[pos + 1] == '\n' || indexOf(b, pos, len, "\r\n\r\n") >= 0 ? status : 0;
          }
          pos += n + 2;
          if (pos > len) {
            return 0;
          }
        }
      }
      return status; // no body (204, 304)
    }

    /** Whether the response in {@code b[0, len)} says the server closes the connection after it. */
    static boolean closes(byte[] b, int len) {
      int headersEnd = indexOf(b, 0, len, "\r\n\r\n");
      String connection = headersEnd < 0 ? null : header(b, headersEnd, "connection");
      return connection != null && connection.trim().equalsIgnoreCase("close");
    }

    private static String header(byte[] b, int headersEnd, String name) {
      int pos = indexOf(b, 0, headersEnd, "\r\n") + 2;
      while (pos > 1 && pos < headersEnd) {
        int end = indexOf(b, pos, headersEnd + 2, "\r\n");
        int colon = indexOf(b, pos, end, ":");
        if (colon > 0 && colon - pos == name.length()
            && new String(b, pos, colon - pos, java.nio.charset.StandardCharsets.US_ASCII).equalsIgnoreCase(name)) {
          return new String(b, colon + 1, end - colon - 1, java.nio.charset.StandardCharsets.US_ASCII);
        }
        pos = end + 2;
      }
      return null;
    }

    private static int indexOf(byte[] b, int from, int to, String what) {
      outer:
      for (int i = from; i <= to - what.length(); i++) {
        for (int j = 0; j < what.length(); j++) {
          if (b[i + j] != what.charAt(j)) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    /** A request's bytes. */
    static byte[] request(String method, String host, String path, String headers, String body) {
      String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
          + (body == null ? "" : "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n") + "\r\n";
      return (head + (body == null ? "" : body)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  static byte[] eventRequest(String host, String userId, boolean compressed) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String metric = METRICS[r.nextInt(METRICS.length)];
    String body = "{\"user\":{\"id\":\"" + userId + "\",\"tz\":\"Europe/London\",\"attributes\":{\"plan\":\"" + PLANS[Math.floorMod(userId.hashCode(), 3)]
        + "\"}},\"value\":" + (1 + r.nextInt(5)) + ",\"attributes\":{\"deck\":\"deck-" + r.nextInt(20) + "\"}}";
    String headers = "X-API-KEY: " + KEY + "\r\nContent-Type: application/json\r\n" + (compressed ? ACCEPT_ENCODING : "");
    return Http.request("POST", host, "/v1/metrics/" + metric + "/event", headers, body);
  }

  /** A skewed spread: a few users are very active, most rarely (index = n · u³). */
  static String randomUser(int users) {
    double u = ThreadLocalRandom.current().nextDouble();
    return "user-" + (int) (users * u * u * u);
  }

  static void waitHealthy(Loader loader, String host) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    byte[] health = Http.request("GET", host, "/health", "", null);
    while (System.currentTimeMillis() < deadline) {
      if (loader.closedLoop(1, Integer.MAX_VALUE, 1, i -> health).errors() == 0) {
        return;
      }
      Thread.sleep(200);
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
    boolean compressed = true;
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
        case "--uncompressed" -> compressed = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(backend, users, seconds, connections, rates, rounds, jar, config, compressed);
  }
}
