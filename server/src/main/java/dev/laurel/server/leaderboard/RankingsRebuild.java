package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.LeaderboardRepository;
import dev.laurel.store.RankingRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CON-14, DESIGN "truth in the store": at start, every board of every run not yet finalised is
 * rebuilt from the stored entries, one bulk load per board. A leaderboard's entries come together
 * with their runs and groups interleaved (the rows of each run, then the users' latest entries, V13),
 * so the boards of one leaderboard load side by side.
 */
final class RankingsRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(RankingsRebuild.class);

  private RankingsRebuild() {}

  static void run(LeaderboardRepository boards, RankingRepository entries, Scopes scopes, Rankings rankings) {
    long started = System.nanoTime();
    int[] count = new int[2];
    for (Scope scope : boards.scopes()) {
      List<String> ids = scopes.config(scope).leaderboards().stream().map(Leaderboard::id).toList();
      Map<Board, Rankings.Loader> open = new HashMap<>();
      String[] reading = new String[1]; // the leaderboard being read: its entries come together
      entries.openEntries(ids, e -> {
        Board board = new Board(e.leaderboardId(), e.run(), e.group());
        if (reading[0] != null && !reading[0].equals(board.leaderboardId())) {
          finish(open);
        }
        reading[0] = board.leaderboardId();
        open.computeIfAbsent(board, b -> {
          count[0]++;
          return rankings.rebuild(b);
        }).add(e.userId(), RankValue.of(e.value()), e.reachedAt());
        count[1]++;
      });
      finish(open);
    }
    LOG.info("rebuilt {} rankings from {} stored entries in {} ms", count[0], count[1], (System.nanoTime() - started) / 1_000_000);
  }

  private static void finish(Map<Board, Rankings.Loader> open) {
    open.values().forEach(Rankings.Loader::finish);
    open.clear();
  }
}
