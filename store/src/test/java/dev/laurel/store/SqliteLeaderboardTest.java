package dev.laurel.store;

class SqliteLeaderboardTest extends LeaderboardContract {
  @Override
  Database open() {
    return TestDatabases.sqlite();
  }
}
