package dev.laurel.store;

class PostgresLeaderboardTest extends LeaderboardContract {
  private String name;

  @Override
  Database open() {
    name = TestDatabases.createPostgresDatabase();
    return TestDatabases.postgres(name);
  }

  @Override
  void cleanUp() {
    TestDatabases.dropPostgres(name);
  }
}
