package dev.laurel.store;

class SqliteStoreTest extends StoreContract {
  @Override
  Database open() {
    return TestDatabases.sqlite();
  }
}
