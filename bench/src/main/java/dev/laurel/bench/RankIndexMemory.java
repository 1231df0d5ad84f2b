package dev.laurel.bench;

import dev.laurel.engine.leaderboard.RankIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Measures the heap held by a {@link RankIndex} of 1,000,000 entries (used heap after full GCs,
 * minus the same before building it), after the bulk load and after 1,000,000 random updates, for
 * UUID-shaped and for short ids. For UUID-shaped ids it also counts operations per second of this
 * thread's CPU time, a figure that other processes on a shared machine disturb less than elapsed
 * time: after a warm-up round, the median of five rounds of 1,000,000 operations each. Prints
 * {@code key=value} lines.
 */
public final class RankIndexMemory {
  private static final int ROUNDS = 5;
  private RankIndexMemory() {}

  public static void main(String[] args) throws InterruptedException {
    measure("uuid", Population.uuids(Population.PARTICIPANTS, 42));
    measure("short", Population.shortIds(Population.PARTICIPANTS, 42));
  }

  private static void measure(String idKind, Population population) throws InterruptedException {
    int n = population.ids().length;
    long before = usedHeapAfterGc();
    long start = System.nanoTime();
    RankIndex index = RankIndexBenchmark.load(population);
    long rebuildNanos = System.nanoTime() - start;
    long loaded = usedHeapAfterGc() - before;
    print(idKind, "rebuild.ms", rebuildNanos / 1e6);
    print(idKind, "loaded.bytesPerEntry", (double) loaded / n);
    print(idKind, "loaded.estimatedBytesPerEntry", (double) index.footprintBytes() / n);

    SplittableRandom random = new SplittableRandom(9);
    long now = Population.T0 + Population.SPAN_MILLIS;
    start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      index.set(population.ids()[random.nextInt(n)], Population.randomValue(random), 0, ++now);
    }
    long updateNanos = System.nanoTime() - start;
    long churned = usedHeapAfterGc() - before;
    print(idKind, "updates.perSecond", n / (updateNanos / 1e9));
    print(idKind, "churned.bytesPerEntry", (double) churned / n);
    print(idKind, "churned.estimatedBytesPerEntry", (double) index.footprintBytes() / n);
    if (idKind.equals("uuid")) {
      cpuThroughput(index, population);
    }
    Reference.reachabilityFence(index);
    Reference.reachabilityFence(population);
  }

  private static void cpuThroughput(RankIndex index, Population population) {
    int n = population.ids().length;
    long[] values = population.values().clone();
    SplittableRandom random = new SplittableRandom(13);
    long[] now = {Population.T0 + 2 * Population.SPAN_MILLIS};
    IntConsumer randomValue = i -> {
      int user = random.nextInt(n);
      values[user] = Population.randomValue(random);
      index.set(Population.uuid(user), values[user], 0, ++now[0]);
    };
    IntConsumer increment = i -> {
      int user = random.nextInt(n);
      values[user] += 1 + random.nextInt(100);
      index.set(Population.uuid(user), values[user], 0, ++now[0]);
    };
    long[] sink = {0};
    IntConsumer rank = i -> sink[0] += index.rank(Population.uuid(random.nextInt(n)));
    perCpuSecond(randomValue, n);
    perCpuSecond(increment, n);
    perCpuSecond(rank, n);
    double[][] rounds = new double[3][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      rounds[0][round] = perCpuSecond(randomValue, n);
      rounds[1][round] = perCpuSecond(increment, n);
      rounds[2][round] = perCpuSecond(rank, n);
    }
    printRounds("cpu.updateRandomValue.perCpuSecond", rounds[0]);
    printRounds("cpu.updateIncrement.perCpuSecond", rounds[1]);
    printRounds("cpu.rankOfUser.perCpuSecond", rounds[2]);
  }

  /** The median of the rounds, and their spread, which shows how much the machine disturbed them. */
  private static void printRounds(String key, double[] rounds) {
    double[] sorted = rounds.clone();
    Arrays.sort(sorted);
    print("uuid", key, sorted[sorted.length / 2]);
    print("uuid", key + ".min", sorted[0]);
    print("uuid", key + ".max", sorted[sorted.length - 1]);
  }

  private static double perCpuSecond(IntConsumer operation, int count) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < count; i++) {
      operation.accept(i);
    }
    return count / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void print(String idKind, String key, double value) {
    System.out.println(String.format(Locale.ROOT, "memory.%s.%s=%.1f", idKind, key, value));
  }
}
