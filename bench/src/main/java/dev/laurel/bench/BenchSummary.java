package dev.laurel.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Prints the rank index results as a Markdown table beside the Redis figures of the same run.
 * Arguments: the JMH CSV result file, then the {@code key=value} outputs of {@link
 * RankIndexMemory} and {@link RedisSortedSetComparison}.
 */
public final class BenchSummary {
  private static final String PREFIX = "dev.laurel.bench.RankIndexBenchmark.";

  private final Map<String, Double> jmh;
  private final Properties measured;

  private BenchSummary(Map<String, Double> jmh, Properties measured) {
    this.jmh = jmh;
    this.measured = measured;
  }

  public static void main(String[] args) throws IOException {
    Properties measured = new Properties();
    for (int i = 1; i < args.length; i++) {
      try (Reader reader = Files.newBufferedReader(Path.of(args[i]))) {
        measured.load(reader);
      }
    }
    new BenchSummary(readJmh(Path.of(args[0])), measured).print();
  }

  private static Map<String, Double> readJmh(Path csv) throws IOException {
    Map<String, Double> scores = new HashMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.replace("\"", "").split(",");
      double score = Double.parseDouble(cells[4]);
      double perSecond = switch (cells[6]) {
        case "ops/us" -> score * 1e6;
        case "ops/ms" -> score * 1e3;
        default -> score;
      };
      scores.put(cells[0].substring(PREFIX.length()) + "/" + cells[1], perSecond);
    }
    return scores;
  }

  private void print() {
    System.out.println("| Operation, 1,000,000 participants | RankIndex | Redis sorted set (Jedis, loopback) | RankIndex advantage |");
    System.out.println("|---|---|---|---|");
    latencyRow("update to a random value, median", "updateRandomValue", "ZADD", "zaddRandomValue");
    throughputRow("update to a random value, throughput", "updateRandomValue", "ZADD one by one", "zaddRandomValue");
    row("", "", "ZADD pipelined by 100: " + perSecond(redis("zaddPipelined100.perSecond")), "");
    cpuRow("update to a random value, per second of thread CPU time (median of 5 rounds; slowest–fastest)", "updateRandomValue");
    latencyRow("update +1…100 (short move up), median", "updateIncrement", null, null);
    throughputRow("update +1…100, throughput", "updateIncrement", null, null);
    cpuRow("update +1…100, per second of thread CPU time (median of 5 rounds; slowest–fastest)", "updateIncrement");
    row("update to a random value, ids from a cold 1M-string array, throughput",
        perSecond(jmh.get("updateRandomValueColdIds/thrpt")), "", "");
    latencyRow("rank of a user, median", "rankOfUser", "ZREVRANK", "zrevrank");
    cpuRow("rank of a user, per second of thread CPU time (median of 5 rounds; slowest–fastest)", "rankOfUser");
    latencyRow("rank of a user after 1,000,000 random updates, median", "rankOfUserChurned", "ZREVRANK", "zrevrank");
    latencyRow("event: rank, update +1…100, rank, after 1,000,000 random updates, median", "eventUpdateChurned", null, null);
    latencyRow("top 100, median", "top100", "ZREVRANGE 0 99 WITHSCORES", "zrevrangeTop100");
    latencyRow("top 100 right after one of them moved (first block sorted again), median", "top100AfterTopUpdate", null, null);
    latencyRow("100 from a random offset, median", "page100AtRandomOffset", null, null);
    latencyRow("around a user (10 above, 21 entries), median", "aroundUser", "ZREVRANK + ZREVRANGE", "aroundUser");
    latencyRow("building a UUID id string alone (included above), median", "idStringOnly", null, null);
    Double rebuild = jmh.get("bulkRebuild/ss");
    Double redisRebuild = redis("rebuild.ms");
    row("bulk rebuild from unsorted entries (mean of 5)", format("%.0f ms", rebuild),
        "ZADD pipelined by 1000: " + format("%.0f ms", redisRebuild), ratio(redisRebuild, rebuild));
    Double memory = number("memory.uuid.loaded.bytesPerEntry");
    Double redisMemory = redis("memory.memoryUsage.bytesPerEntry");
    row("memory per entry, 36-char ids, after load", format("%.1f B", memory),
        "MEMORY USAGE: " + format("%.1f B", redisMemory)
            + "; used_memory delta: " + format("%.1f B", redis("memory.usedMemoryDelta.bytesPerEntry")),
        ratio(redisMemory, memory));
    row("memory per entry, 36-char ids, after 1,000,000 random updates",
        format("%.1f B", number("memory.uuid.churned.bytesPerEntry")), "", "");
    row("memory per entry, 12-char ids, after load / after updates",
        format("%.1f B", number("memory.short.loaded.bytesPerEntry")) + " / "
            + format("%.1f B", number("memory.short.churned.bytesPerEntry")), "", "");
  }

  private void latencyRow(String label, String benchmark, String redisLabel, String redisKey) {
    Double ours = jmh.get(benchmark + ":p0.50/sample");
    Double theirs = redisKey == null ? null : redis(redisKey + ".p50.us");
    row(label, format("%.2f µs", ours),
        redisLabel == null ? "" : redisLabel + ": " + format("%.1f µs", theirs), ratio(theirs, ours));
  }

  private void throughputRow(String label, String benchmark, String redisLabel, String redisKey) {
    Double ours = jmh.get(benchmark + "/thrpt");
    Double theirs = redisKey == null ? null : redis(redisKey + ".perSecond");
    row(label, perSecond(ours), redisLabel == null ? "" : redisLabel + ": " + perSecond(theirs),
        ratio(ours, theirs));
  }

  private Double redis(String key) {
    return number("redis." + key);
  }

  private Double number(String key) {
    String value = measured.getProperty(key);
    return value == null ? null : Double.valueOf(value);
  }

  private void cpuRow(String label, String operation) {
    String key = "memory.uuid.cpu." + operation + ".perCpuSecond";
    String spread = perSecond(number(key + ".min")) + "–" + perSecond(number(key + ".max"));
    row(label, perSecond(number(key)) + " (" + spread + ")", "", "");
  }

  private static void row(String label, String ours, String redis, String ratio) {
    System.out.println("| " + label + " | " + ours + " | " + redis + " | " + ratio + " |");
  }

  private static String perSecond(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%,.0f /s", value);
  }

  private static String format(String pattern, Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, pattern, value);
  }

  private static String ratio(Double numerator, Double denominator) {
    return numerator == null || denominator == null ? "" : String.format(Locale.ROOT, "%.1f×", numerator / denominator);
  }
}
