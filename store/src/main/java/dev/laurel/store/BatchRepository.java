package dev.laurel.store;

import dev.laurel.engine.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The durable queue of accepted batch-event items (BATCH-3, BATCH-7). */
public final class BatchRepository {
  private final Database db;

  public BatchRepository(Database db) {
    this.db = db;
  }

  /** A queued item: its JSON payload is the validated batch item. */
  public record Item(long seq, Scope scope, String batchId, int index, String payload) {}

  public void enqueue(Tx tx, Scope scope, String batchId, List<String> payloads, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO batch_items (env_id, tenant_id, batch_id, idx, payload, received)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < payloads.size(); i++) {
        ps.setString(1, scope.environmentId());
        ps.setString(2, scope.tenantId());
        ps.setString(3, batchId);
        ps.setInt(4, i);
        ps.setString(5, payloads.get(i));
        ps.setLong(6, now.toEpochMilli());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The oldest queued items after {@code afterSeq}, in acceptance order. */
  public List<Item> next(long afterSeq, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, env_id, tenant_id, batch_id, idx, payload FROM batch_items"
                      + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            List<Item> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Item(
                        rs.getLong("seq"),
                        new Scope(rs.getString("env_id"), rs.getString("tenant_id")),
                        rs.getString("batch_id"),
                        rs.getInt("idx"),
                        rs.getString("payload")));
              }
            }
            return out;
          }
        });
  }

  /**
   * Removes a processed item, in the transaction that commits its effects. Returns false if the
   * item was already gone (another node processed it), in which case that transaction must not
   * commit.
   */
  public boolean delete(Tx tx, long seq) throws SQLException {
    PreparedStatement ps = tx.prepare("DELETE FROM batch_items WHERE seq = ?");
    ps.setLong(1, seq);
    return ps.executeUpdate() == 1;
  }
}
