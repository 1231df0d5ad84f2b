package dev.laurel.server.leaderboard;

class InMemoryRankingsTest extends RankingsContract {
  @Override
  Rankings create() {
    return new InMemoryRankings();
  }
}
