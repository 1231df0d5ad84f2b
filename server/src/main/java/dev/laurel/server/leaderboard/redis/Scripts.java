package dev.laurel.server.leaderboard.redis;

/**
 * The Lua scripts that make each multi-key change of {@link RedisRankings} atomic: Redis runs a
 * script to completion before any other command, so concurrent nodes never see a board half
 * updated nor leave a user twice in one (the hash {@code userId → member} and the sorted set
 * change together).
 */
final class Scripts {
  private Scripts() {}

  /**
   * KEYS: sorted set, hash, boards set of the leaderboard. ARGV: user id, new member ('' removes),
   * maxParticipants, the board's name in the boards set. Returns {rank before, rank after,
   * member at rank maxParticipants or ''}.
   */
  static final String UPDATE =
      """
      local old = redis.call('HGET', KEYS[2], ARGV[1])
      local before = 0
      if old then
        local r = redis.call('ZRANK', KEYS[1], old)
        if r then before = r + 1 end
        redis.call('ZREM', KEYS[1], old)
      end
      local after = 0
      if ARGV[2] ~= '' then
        redis.call('ZADD', KEYS[1], 0, ARGV[2])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('SADD', KEYS[3], ARGV[4])
        after = redis.call('ZRANK', KEYS[1], ARGV[2]) + 1
      elseif old then
        redis.call('HDEL', KEYS[2], ARGV[1])
      end
      local max = tonumber(ARGV[3])
      local last = ''
      if max > 0 then
        local at = redis.call('ZRANGE', KEYS[1], max - 1, max - 1)
        if at[1] then last = at[1] end
      end
      return {before, after, last}
      """;

  /** KEYS: sorted set, hash. ARGV: user id. Returns the user's rank before removal, 0 if none. */
  static final String REMOVE =
      """
      local old = redis.call('HGET', KEYS[2], ARGV[1])
      if not old then return 0 end
      local r = redis.call('ZRANK', KEYS[1], old)
      redis.call('ZREM', KEYS[1], old)
      redis.call('HDEL', KEYS[2], ARGV[1])
      if r then return r + 1 end
      return 0
      """;

  /** KEYS: sorted set, hash. ARGV: user id. Returns the user's rank, 0 if none. */
  static final String RANK =
      """
      local m = redis.call('HGET', KEYS[2], ARGV[1])
      if not m then return 0 end
      local r = redis.call('ZRANK', KEYS[1], m)
      if r then return r + 1 end
      return 0
      """;

  /** KEYS: sorted set, hash, boards set. ARGV: the board's name in the boards set. */
  static final String DROP =
      """
      redis.call('DEL', KEYS[1], KEYS[2])
      redis.call('SREM', KEYS[3], ARGV[1])
      return 0
      """;

  /**
   * KEYS: boards set. ARGV: the prefix of the leaderboard's board keys. Deletes every board of the
   * set, then the set.
   */
  static final String DROP_LEADERBOARD =
      """
      for _, b in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        redis.call('DEL', ARGV[1] .. b .. ':z', ARGV[1] .. b .. ':h')
      end
      redis.call('DEL', KEYS[1])
      return 0
      """;

  /**
   * KEYS: loaded sorted set, loaded hash, sorted set, hash, boards set. ARGV: the board's name in
   * the boards set. Publishes a loaded board in place of the old one at once.
   */
  static final String PUBLISH =
      """
      redis.call('DEL', KEYS[3], KEYS[4])
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('RENAME', KEYS[1], KEYS[3])
        redis.call('PERSIST', KEYS[3])
      end
      if redis.call('EXISTS', KEYS[2]) == 1 then
        redis.call('RENAME', KEYS[2], KEYS[4])
        redis.call('PERSIST', KEYS[4])
      end
      redis.call('SADD', KEYS[5], ARGV[1])
      return 0
      """;
}
