package dev.laurel.store;

import java.sql.Connection;

/** An open write transaction: every repository write of one unit goes through the same one. */
public record Tx(Connection connection, Dialect dialect) {}
