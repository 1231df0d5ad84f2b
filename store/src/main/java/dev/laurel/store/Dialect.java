package dev.laurel.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What differs between the two supported databases; everything else is shared SQL. */
public enum Dialect {
  SQLITE("db/sqlite"),
  POSTGRESQL("db/postgresql");

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** Classpath folder of this database's Flyway migrations. */
  public String migrations() {
    return migrations;
  }

  /** Exact decimals are TEXT in SQLite and NUMERIC in PostgreSQL. */
  public void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
    if (this == SQLITE) {
      ps.setString(index, value.toPlainString());
    } else {
      ps.setBigDecimal(index, value);
    }
  }

  public BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
    return this == SQLITE ? new BigDecimal(rs.getString(column)) : rs.getBigDecimal(column);
  }

  /** Whether the error is a unique-constraint violation. */
  public boolean isUniqueViolation(SQLException e) {
    return this == SQLITE
        ? e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains("UNIQUE")
        : "23505".equals(e.getSQLState());
  }
}
