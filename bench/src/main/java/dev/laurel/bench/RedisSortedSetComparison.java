package dev.laurel.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The Redis sorted-set equivalents of the {@link RankIndexBenchmark} operations, on the same
 * population, against the local Redis (127.0.0.1:6379) through one Jedis connection: the latency
 * a caller sees, round trip included; like the benchmark, each operation builds its user's id. The score is the value alone (ties then fall back to member
 * order, which is enough for timing). Uses one key under {@code laurel-bench:} and deletes it.
 * Prints {@code key=value} lines.
 */
public final class RedisSortedSetComparison {
  private static final String KEY = "laurel-bench:rank-index";
  private static final int SAMPLES = 50_000;

  private final Jedis jedis;
  private final Population population;
  private final SplittableRandom random = new SplittableRandom(11);

  private RedisSortedSetComparison(Jedis jedis, Population population) {
    this.jedis = jedis;
    this.population = population;
  }

  public static void main(String[] args) {
    try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
      jedis.del(KEY);
      try {
        new RedisSortedSetComparison(jedis, Population.uuids(Population.PARTICIPANTS, 42)).run();
      } finally {
        jedis.del(KEY);
      }
    }
  }

  private void run() {
    String[] ids = population.ids();
    long before = usedMemory();
    long start = System.nanoTime();
    Pipeline pipeline = jedis.pipelined();
    for (int i = 0; i < ids.length; i++) {
      pipeline.zadd(KEY, population.values()[i], ids[i]);
      if (i % 1000 == 999) {
        pipeline.sync();
      }
    }
    pipeline.sync();
    print("rebuild.ms", (System.nanoTime() - start) / 1e6);
    print("memory.usedMemoryDelta.bytesPerEntry", (double) (usedMemory() - before) / ids.length);
    print("memory.memoryUsage.bytesPerEntry", (double) jedis.memoryUsage(KEY, 0) / ids.length);

    int n = ids.length;
    time("zaddRandomValue", i -> jedis.zadd(KEY, Population.randomValue(random), Population.uuid(random.nextInt(n))));
    time("zrevrank", i -> jedis.zrevrank(KEY, Population.uuid(random.nextInt(n))));
    time("zrevrangeTop100", i -> jedis.zrevrangeWithScores(KEY, 0, 99));
    time("aroundUser", i -> {
      Long rank = jedis.zrevrank(KEY, Population.uuid(random.nextInt(n)));
      long from = Math.max(0, rank - 10);
      jedis.zrevrangeWithScores(KEY, from, from + 20);
    });
    start = System.nanoTime();
    Pipeline updates = jedis.pipelined();
    for (int i = 0; i < SAMPLES; i++) {
      updates.zadd(KEY, Population.randomValue(random), Population.uuid(random.nextInt(n)));
      if (i % 100 == 99) {
        updates.sync();
      }
    }
    updates.sync();
    print("zaddPipelined100.perSecond", SAMPLES / ((System.nanoTime() - start) / 1e9));
  }

  private void time(String name, IntConsumer operation) {
    for (int i = 0; i < SAMPLES / 5; i++) {
      operation.accept(i);
    }
    long[] nanos = new long[SAMPLES];
    long start = System.nanoTime();
    for (int i = 0; i < SAMPLES; i++) {
      long t = System.nanoTime();
      operation.accept(i);
      nanos[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    print(name + ".p50.us", nanos[SAMPLES / 2] / 1e3);
    print(name + ".p99.us", nanos[SAMPLES * 99 / 100] / 1e3);
    print(name + ".perSecond", SAMPLES / seconds);
  }

  private long usedMemory() {
    for (String line : jedis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory has no used_memory line");
  }

  private static void print(String key, double value) {
    System.out.println(String.format(Locale.ROOT, "redis.%s=%.2f", key, value));
  }
}
