package dev.laurel.server.leaderboard.redis;

import dev.laurel.engine.leaderboard.RankEntry;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.server.leaderboard.Rankings;
import dev.laurel.server.leaderboard.RankingsUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The rankings of several nodes, shared in Redis (DESIGN "With several nodes the same order lives
 * in Redis sorted sets"). Per board: a sorted set whose members all score 0 and encode LB-10's
 * order in their bytes ({@link RankMember}: exact, no floating point), and a hash {@code userId →
 * member} to find a user's member on update and removal. Per leaderboard: a set naming its boards.
 * Rank = ZRANK + 1, pages = ZRANGE by index, threshold = the member at index {@code
 * maxParticipants − 1}. Every change of more than one key is one Lua script ({@link Scripts}), so
 * it is atomic across nodes. A marker key says the rankings were rebuilt from the store since
 * Redis last lost its data ({@link #built()}).
 *
 * <p>Client: Jedis's {@link RedisClient}, a thread-safe facade over a commons-pool2 pool of
 * connections. Jedis is synchronous, which fits the server's virtual threads and user lanes (a
 * blocked call parks a virtual thread, not a carrier), it is maintained by Redis itself, and it
 * brings three small jars where Lettuce would bring Netty and Reactor; the atomicity comes from
 * scripts, so no connection has to be held across commands (no MULTI). Calls time out after two
 * seconds; a Redis that does not answer raises {@link RankingsUnavailableException} (503).
 * Standalone Redis (or a primary with replicas) only: keys of one change are not hash-tagged for
 * Redis Cluster.
 */
public final class RedisRankings implements Rankings, AutoCloseable {
  /** The SHA-1 of each script run, as EVALSHA names it. */
  private static final Map<String, String> SHAS = new ConcurrentHashMap<>();
  private static final int LOAD_BATCH = 1_000;
  private static final int RUN_LENGTH = 10;

  private final UnifiedJedis redis;
  private final String prefix;
  private final Runnable forgetIdleConnections;

  /**
   * @param forgetIdleConnections run when a call finds Redis unreachable: the pool's idle
   *     connections are then dead too, and the first calls after Redis returns must not fail on them
   */
  public RedisRankings(UnifiedJedis redis, String prefix, Runnable forgetIdleConnections) {
    this.redis = redis;
    this.prefix = prefix;
    this.forgetIdleConnections = forgetIdleConnections;
  }

  /** Connects with a pool sized for many concurrent lanes; fails at once if Redis is unreachable. */
  public static RedisRankings connect(RedisUrl url) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    pool.setMinIdle(2);
    pool.setMaxWait(java.time.Duration.ofSeconds(2));
    pool.setTestWhileIdle(true);
    RedisClient client =
        RedisClient.builder().hostAndPort(url.address()).clientConfig(url.client()).poolConfig(pool).build();
    RedisRankings rankings = new RedisRankings(client, url.prefix(), client.getPool()::clear);
    try {
      rankings.call(client::ping);
    } catch (RankingsUnavailableException e) {
      client.close();
      throw new IllegalStateException("Redis at " + url + " does not answer: " + e.getCause().getMessage(), e);
    }
    return rankings;
  }

  @Override
  public Moved update(Board board, String userId, RankValue value, long reachedAtMillis, int maxParticipants) {
    String member = value.isPositive() ? new RankMember(userId, value, reachedAtMillis).encode() : "";
    List<?> r = (List<?>) call(() -> eval(Scripts.UPDATE, keys(board, true),
        List.of(userId, member, Integer.toString(maxParticipants), name(board))));
    String last = (String) r.get(2);
    return new Moved(toInt(r.get(0)), toInt(r.get(1)), last.isEmpty() ? RankValue.ZERO : RankMember.valueOf(last));
  }

  @Override
  public int remove(Board board, String userId) {
    return toInt(call(() -> eval(Scripts.REMOVE, keys(board, false), List.of(userId))));
  }

  @Override
  public int rank(Board board, String userId) {
    return toInt(call(() -> eval(Scripts.RANK, keys(board, false), List.of(userId))));
  }

  @Override
  public List<RankEntry> range(Board board, int offset, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<String> members = call(() -> redis.zrange(sortedSet(board), offset, (long) offset + limit - 1));
    List<RankEntry> entries = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      RankMember m = RankMember.decode(members.get(i));
      entries.add(new RankEntry(m.userId(), m.value(), m.reachedAtMillis(), offset + i + 1));
    }
    return entries;
  }

  @Override
  public int size(Board board) {
    return Math.toIntExact(call(() -> redis.zcard(sortedSet(board))));
  }

  @Override
  public RankValue threshold(Board board, int maxParticipants) {
    if (maxParticipants < 1) {
      return RankValue.ZERO;
    }
    List<String> last = call(() -> redis.zrange(sortedSet(board), maxParticipants - 1, maxParticipants - 1));
    return last.isEmpty() ? RankValue.ZERO : RankMember.valueOf(last.get(0));
  }

  @Override
  public List<Board> boards(String leaderboardId) {
    List<Board> boards = new ArrayList<>();
    for (String name : call(() -> redis.smembers(boardsSet(leaderboardId)))) {
      boards.add(new Board(leaderboardId, LocalDate.parse(name.substring(0, RUN_LENGTH)), name.substring(RUN_LENGTH + 1)));
    }
    return boards;
  }

  @Override
  public void drop(Board board) {
    call(() -> eval(Scripts.DROP, keys(board, true), List.of(name(board))));
  }

  @Override
  public void dropLeaderboard(String leaderboardId) {
    call(() -> eval(Scripts.DROP_LEADERBOARD, List.of(boardsSet(leaderboardId)), List.of(boardPrefix(leaderboardId))));
  }

  /**
   * Loads the entries into keys of their own (expiring after an hour should the node die), then
   * publishes them in place of the board's in one script: readers see the old board or the new.
   */
  @Override
  public Loader rebuild(Board board) {
    String loading = prefix + "loading:" + UUID.randomUUID() + ":";
    String loadingSet = loading + "z";
    String loadingHash = loading + "h";
    return new Loader() {
      private final Map<String, Double> members = new HashMap<>();
      private final Map<String, String> byUser = new HashMap<>();

      @Override
      public void add(String userId, RankValue value, long reachedAtMillis) {
        if (!value.isPositive()) {
          return;
        }
        String member = new RankMember(userId, value, reachedAtMillis).encode();
        members.put(member, 0.0);
        byUser.put(userId, member);
        if (byUser.size() >= LOAD_BATCH) {
          flush();
        }
      }

      private void flush() {
        if (byUser.isEmpty()) {
          return;
        }
        call(() -> {
          redis.zadd(loadingSet, members);
          redis.hset(loadingHash, byUser);
          redis.expire(loadingSet, 3_600);
          return redis.expire(loadingHash, 3_600);
        });
        members.clear();
        byUser.clear();
      }

      @Override
      public void finish() {
        flush();
        List<String> keys = new ArrayList<>(List.of(loadingSet, loadingHash));
        keys.addAll(keys(board, true));
        call(() -> eval(Scripts.PUBLISH, keys, List.of(name(board))));
      }
    };
  }

  @Override
  public boolean built() {
    return call(() -> redis.exists(prefix + "built"));
  }

  @Override
  public void markBuilt() {
    call(() -> redis.set(prefix + "built", "1"));
  }

  /** Deletes every key under this installation's prefix (tests; a deliberate reset). */
  public void clear() {
    ScanParams match = new ScanParams().match(glob(prefix) + "*").count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      String from = cursor;
      ScanResult<String> page = call(() -> redis.scan(from, match));
      if (!page.getResult().isEmpty()) {
        call(() -> redis.del(page.getResult().toArray(String[]::new)));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
  }

  @Override
  public void close() {
    redis.close();
  }

  private List<String> keys(Board board, boolean withBoardsSet) {
    String base = boardPrefix(board.leaderboardId()) + name(board);
    return withBoardsSet
        ? List.of(base + ":z", base + ":h", boardsSet(board.leaderboardId()))
        : List.of(base + ":z", base + ":h");
  }

  private String sortedSet(Board board) {
    return boardPrefix(board.leaderboardId()) + name(board) + ":z";
  }

  /** A board's name in its leaderboard's set: the run's start date (10 characters), '|', the group. */
  private static String name(Board board) {
    return board.run() + "|" + board.group();
  }

  /** Length-prefixed so that no leaderboard id and group can make another board's key. */
  private String boardPrefix(String leaderboardId) {
    return prefix + "lb:" + leaderboardId.length() + ":" + leaderboardId + ":";
  }

  private String boardsSet(String leaderboardId) {
    return boardPrefix(leaderboardId) + "boards";
  }

  private static String glob(String s) {
    return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  private static int toInt(Object reply) {
    return Math.toIntExact((Long) reply);
  }

  /**
   * Runs a script by its SHA-1 (EVALSHA), so that Redis neither receives nor hashes its text on
   * every call; a server that does not know it yet (first use, or restarted) gets it once with EVAL,
   * which also caches it for the next calls.
   */
  private Object eval(String script, List<String> keys, List<String> args) {
    String sha = SHAS.computeIfAbsent(script, RedisRankings::sha1);
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(script, keys, args);
    }
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
    }
  }

  /** Runs one call; a Redis that cannot be reached becomes {@link RankingsUnavailableException}. */
  private <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (JedisDataException e) {
      throw e;
    } catch (JedisException e) {
      forgetIdleConnections.run();
      throw new RankingsUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }
  }
}
