package dev.laurel.bench;

import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankIndex;
import dev.laurel.engine.leaderboard.RankIndexLoader;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RankIndex} at 1,000,000 participants with UUID-shaped ids, on one thread. Each operation
 * on a user builds that user's id string first, as a request handler holds a freshly parsed id
 * ({@link #idStringOnly} measures that part alone); {@link #updateRandomValueColdIds} takes ids
 * from a 1,000,000-string array instead, so reading the caller's string also misses the cache.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankIndexBenchmark {
  private Population population;
  private long[] current;
  private RankIndex index;
  private SplittableRandom random;
  private long now;

  /** An index after 1,000,000 random updates, shared by the benchmarks that name it. */
  @State(Scope.Thread)
  public static class Churned {
    RankIndex index;
    long[] current;

    @Setup(Level.Trial)
    public void churn() {
      Population population = Population.uuids(Population.PARTICIPANTS, 42);
      current = population.values().clone();
      index = load(population);
      SplittableRandom random = new SplittableRandom(11);
      long now = Population.T0 + Population.SPAN_MILLIS;
      for (int i = 0; i < current.length; i++) {
        int user = random.nextInt(current.length);
        current[user] = Population.randomValue(random);
        index.set(population.ids()[user], current[user], 0, ++now);
      }
    }
  }

  @Setup(Level.Trial)
  public void load() {
    population = Population.uuids(Population.PARTICIPANTS, 42);
    current = population.values().clone();
    index = load(population);
    random = new SplittableRandom(7);
    now = Population.T0 + Population.SPAN_MILLIS;
  }

  static RankIndex load(Population population) {
    RankIndexLoader loader = RankIndex.loader(population.ids().length);
    for (int i = 0; i < population.ids().length; i++) {
      loader.add(population.ids()[i], population.values()[i], 0, population.reachedAt()[i]);
    }
    return loader.build();
  }

  @Benchmark
  public String idStringOnly() {
    return Population.uuid(random.nextInt(current.length));
  }

  /** A random user jumps to a random value anywhere in the board. */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public int updateRandomValue() {
    int user = random.nextInt(current.length);
    long value = Population.randomValue(random);
    current[user] = value;
    index.set(Population.uuid(user), value, 0, ++now);
    return user;
  }

  /** A random user gains 1 to 100, as after an event: a short move up. */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public int updateIncrement() {
    int user = random.nextInt(current.length);
    long value = current[user] += 1 + random.nextInt(100);
    index.set(Population.uuid(user), value, 0, ++now);
    return user;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int updateRandomValueColdIds() {
    int user = random.nextInt(current.length);
    long value = Population.randomValue(random);
    current[user] = value;
    index.set(population.ids()[user], value, 0, ++now);
    return user;
  }

  /**
   * As after a day of events: rank of a random user once 1,000,000 random updates have left most
   * blocks out of order, so the rank counts in its block instead of reading its slot.
   */
  @Benchmark
  public int rankOfUserChurned(Churned churned) {
    return churned.index.rank(Population.uuid(random.nextInt(current.length)));
  }

  /** What an event does to a board it moves: rank before, update, rank after, on a churned index. */
  @Benchmark
  public int eventUpdateChurned(Churned churned) {
    int user = random.nextInt(current.length);
    String id = Population.uuid(user);
    long value = churned.current[user] += 1 + random.nextInt(100);
    int before = churned.index.rank(id);
    churned.index.set(id, value, 0, ++now);
    return before + churned.index.rank(id);
  }

  /**
   * The worst case of top 100: one of the first 100 gains 1 before each read, so the first block is
   * out of order and is sorted again by every read.
   */
  @Benchmark
  public List<RankEntry> top100AfterTopUpdate() {
    RankEntry entry = index.range(random.nextInt(100), 1).getFirst();
    index.set(entry.userId(), entry.value().whole() + 1, 0, ++now);
    return index.range(0, 100);
  }

  @Benchmark
  public int rankOfUser() {
    return index.rank(Population.uuid(random.nextInt(current.length)));
  }

  @Benchmark
  public List<RankEntry> top100() {
    return index.range(0, 100);
  }

  @Benchmark
  public List<RankEntry> page100AtRandomOffset() {
    return index.range(random.nextInt(current.length - 100), 100);
  }

  /** LB-29: 10 places above a random user and 10 below. */
  @Benchmark
  public List<RankEntry> aroundUser() {
    return index.around(Population.uuid(random.nextInt(current.length)), 10, 21);
  }

  /** A rebuild at start: 1,000,000 entries in random order into a fresh index. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public RankIndex bulkRebuild() {
    return load(population);
  }
}
