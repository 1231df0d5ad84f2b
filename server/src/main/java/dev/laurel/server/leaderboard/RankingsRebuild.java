package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.RankValue;
import dev.laurel.server.leaderboard.Rankings.Board;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.LeaderboardRepository;
import dev.laurel.store.RankingRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CON-14, DESIGN "truth in the store": at start, every board of every run not yet finalised is
 * rebuilt from the stored entries, one bulk load per board.
 */
final class RankingsRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(RankingsRebuild.class);

  private RankingsRebuild() {}

  static void run(LeaderboardRepository boards, RankingRepository entries, Scopes scopes, Rankings rankings) {
    int[] count = new int[2];
    for (Scope scope : boards.scopes()) {
      List<String> ids = scopes.config(scope).leaderboards().stream().map(Leaderboard::id).toList();
      Board[] current = new Board[1];
      Rankings.Loader[] loader = new Rankings.Loader[1];
      entries.openEntries(ids, e -> {
        Board board = new Board(e.leaderboardId(), e.run(), e.group());
        if (!board.equals(current[0])) {
          if (loader[0] != null) {
            loader[0].finish();
          }
          current[0] = board;
          loader[0] = rankings.rebuild(board);
          count[0]++;
        }
        loader[0].add(e.userId(), RankValue.of(e.value()), e.reachedAt());
        count[1]++;
      });
      if (loader[0] != null) {
        loader[0].finish();
      }
    }
    LOG.info("rebuilt {} rankings from {} stored entries", count[0], count[1]);
  }
}
