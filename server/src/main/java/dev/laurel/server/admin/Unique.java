package dev.laurel.server.admin;

import dev.laurel.engine.Rejection;
import dev.laurel.store.Database;
import dev.laurel.store.StoreException;
import dev.laurel.store.Tx;
import java.sql.SQLException;

/** Writes a new keyed object; losing a race for the key becomes the item's issue, not a 5xx. */
final class Unique {
  private Unique() {}

  /** A write that returns nothing. */
  @FunctionalInterface
  interface Insert {
    void run(Tx tx) throws SQLException;
  }

  static void write(Database db, String conflictMessage, Insert insert) {
    try {
      db.write(
          tx -> {
            insert.run(tx);
            return null;
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql)) {
        throw Rejection.invalid(conflictMessage);
      }
      throw e;
    }
  }
}
