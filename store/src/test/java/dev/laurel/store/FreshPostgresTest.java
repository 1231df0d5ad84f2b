package dev.laurel.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test on a PostgreSQL database of its own, created before each test and dropped after it. */
abstract class FreshPostgresTest {
  /** The database's name, for connections of the test's own. */
  protected String name;
  protected Database db;

  @BeforeEach
  void createDatabase() {
    name = TestDatabases.createPostgresDatabase(databaseOptions());
    db = TestDatabases.postgres(name);
  }

  /** Options of the database's {@code CREATE DATABASE} (a collation, say); none by default. */
  protected String databaseOptions() {
    return "";
  }

  /** A plain JDBC connection of the test's own to the database, outside the store. */
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
  }

  @AfterEach
  void dropDatabase() {
    db.close();
    TestDatabases.dropPostgres(name);
  }
}
