package dev.laurel.bench;

import dev.laurel.engine.leaderboard.RankIndex;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the heap held by a {@link RankIndex} of 1,000,000 entries (used heap after full GCs,
 * minus the same before building it), after the bulk load and after 1,000,000 random updates, for
 * UUID-shaped and for short ids; prints {@code key=value} lines.
 */
public final class RankIndexMemory {
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
    Reference.reachabilityFence(index);
    Reference.reachabilityFence(population);
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
