package dev.laurel.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves an embedded store's data into an empty PostgreSQL store with the same schema version
 * ({@code laurel copy-store}): every table, row for row, in one transaction on the target, with each
 * value converted to the target column's type (SQLite keeps decimals as text and booleans as
 * integers). Parents are copied before the rows that reference them.
 */
public final class StoreCopy {
  /** Tables that others reference, copied first; every other table follows in name order. */
  private static final List<String> FIRST = List.of("settings", "environments", "tenants");

  private StoreCopy() {}

  /** Copies all rows; returns the number of rows copied per table. */
  public static Map<String, Integer> copy(Database source, Database target) {
    if (source.dialect() != Dialect.SQLITE || target.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("copy-store copies an embedded (SQLite) store into PostgreSQL");
    }
    List<String> tables = source.read(StoreCopy::tables);
    Map<String, Integer> copied = new LinkedHashMap<>();
    target.write(tx -> {
      for (String table : tables) {
        if (count(tx.connection(), table) > 0 && !table.equals("settings") && !table.equals("environments")) {
          throw new IllegalStateException("the target table " + table + " is not empty; copy into a fresh database");
        }
      }
      clearBootstrapRows(tx.connection());
      for (String table : tables) {
        copied.put(table, source.read(c -> copyTable(c, tx.connection(), table)));
        advanceIdentities(tx.connection(), table);
      }
      return null;
    });
    return copied;
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> rest = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " AND name <> 'flyway_schema_history' ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (!FIRST.contains(rs.getString(1))) {
          rest.add(rs.getString(1));
        }
      }
    }
    List<String> all = new ArrayList<>(FIRST);
    all.addAll(rest);
    return all;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A target that was started once holds its own production environment and settings: replaced. */
  private static void clearBootstrapRows(Connection target) throws SQLException {
    for (String table : List.of("admin_keys", "settings", "environments")) {
      try (PreparedStatement ps = target.prepareStatement("DELETE FROM " + table)) {
        ps.executeUpdate();
      }
    }
  }

  private static int copyTable(Connection from, Connection to, String table) throws SQLException {
    int[] types;
    List<String> columns = new ArrayList<>();
    try (PreparedStatement ps = to.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      types = new int[md.getColumnCount()];
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnName(i));
        types[i - 1] = md.getColumnType(i);
      }
    }
    String insert =
        "INSERT INTO " + table + " (" + String.join(", ", columns) + ") OVERRIDING SYSTEM VALUE VALUES ("
            + "?, ".repeat(columns.size() - 1) + "?)";
    int rows = 0;
    try (PreparedStatement read = from.prepareStatement("SELECT " + String.join(", ", columns) + " FROM " + table);
        ResultSet rs = read.executeQuery();
        PreparedStatement write = to.prepareStatement(insert)) {
      while (rs.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          bind(write, i, types[i - 1], rs);
        }
        write.addBatch();
        if (++rows % 1000 == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
    return rows;
  }

  /** Identity columns (e.g. the batch queue's sequence) continue after the copied values. */
  private static void advanceIdentities(Connection to, String table) throws SQLException {
    List<String> identities = new ArrayList<>();
    try (PreparedStatement ps =
        to.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? AND is_identity = 'YES'")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          identities.add(rs.getString(1));
        }
      }
    }
    for (String column : identities) {
      try (PreparedStatement ps =
          to.prepareStatement(
              "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" + column + ") FROM " + table
                  + "), 0) + 1, false)")) {
        ps.setString(1, table);
        ps.setString(2, column);
        ps.execute();
      }
    }
  }

  private static void bind(PreparedStatement to, int i, int type, ResultSet from) throws SQLException {
    Object value = from.getObject(i);
    if (value == null) {
      to.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.BOOLEAN, Types.BIT -> to.setBoolean(i, from.getBoolean(i));
      case Types.NUMERIC, Types.DECIMAL -> to.setBigDecimal(i, new BigDecimal(from.getString(i)));
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> to.setLong(i, from.getLong(i));
      case Types.DOUBLE, Types.REAL, Types.FLOAT -> to.setDouble(i, from.getDouble(i));
      default -> to.setString(i, from.getString(i));
    }
  }
}
