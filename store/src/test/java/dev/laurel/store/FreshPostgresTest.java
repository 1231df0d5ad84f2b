package dev.laurel.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test on a PostgreSQL database of its own, created before each test and dropped after it. */
abstract class FreshPostgresTest {
  /** The database's name, for connections of the test's own. */
  protected String name;
  protected Database db;

  @BeforeEach
  void createDatabase() {
    name = TestDatabases.createPostgresDatabase();
    db = TestDatabases.postgres(name);
  }

  @AfterEach
  void dropDatabase() {
    db.close();
    TestDatabases.dropPostgres(name);
  }
}
