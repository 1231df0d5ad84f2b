package dev.laurel.store;

import dev.laurel.engine.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable queue of achievement backdating runs (ACH-16): a run is queued in the transaction
 * that activates or edits the achievement and leaves the queue only when every user of the scope
 * was processed, so a restart resumes it (completions are idempotent per user, ACH-5).
 */
public final class BackfillRepository {
  private final Database db;

  public BackfillRepository(Database db) {
    this.db = db;
  }

  /** A queued run: backdate {@code achievementId} for every user of {@code scope}. */
  public record Run(long seq, Scope scope, String achievementId) {}

  public void enqueue(Tx tx, Scope scope, String achievementId, Instant now) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO achievement_backfills (env_id, tenant_id, achievement_id, requested)"
                    + " VALUES (?, ?, ?, ?)")) {
      ps.setString(1, scope.environmentId());
      ps.setString(2, scope.tenantId());
      ps.setString(3, achievementId);
      ps.setLong(4, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Queued runs in request order. */
  public List<Run> pending() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT seq, env_id, tenant_id, achievement_id FROM achievement_backfills ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            List<Run> out = new ArrayList<>();
            while (rs.next()) {
              out.add(
                  new Run(
                      rs.getLong("seq"),
                      new Scope(rs.getString("env_id"), rs.getString("tenant_id")),
                      rs.getString("achievement_id")));
            }
            return out;
          }
        });
  }

  /** Removes finished runs. */
  public void delete(List<Run> runs) {
    db.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM achievement_backfills WHERE seq = ?")) {
            for (Run r : runs) {
              ps.setLong(1, r.seq());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /** A page of the scope's user ids after {@code afterId} (exclusive, "" for the first), by id. */
  public List<String> userIds(Scope scope, String afterId, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id FROM users WHERE env_id = ? AND tenant_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            ps.setString(3, afterId);
            ps.setInt(4, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString("id"));
              }
            }
            return out;
          }
        });
  }
}
