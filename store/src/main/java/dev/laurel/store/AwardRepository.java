package dev.laurel.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.laurel.engine.Scope;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points awards (PTS-3): every change of a user's total, with the boosts that multiplied it as they
 * were (BOOST-8, BOOST-12), read newest first (PTS-10) or by date (SUM-4).
 */
public final class AwardRepository {
  private static final TypeReference<List<Map<String, String>>> BOOSTS = new TypeReference<>() {};

  private final Database db;

  public AwardRepository(Database db) {
    this.db = db;
  }

  /** Stores awards in the order they were made (PTS-3). */
  public void insertAwards(Tx tx, Scope scope, List<Award> awards) throws SQLException {
    if (awards.isEmpty()) {
      return;
    }
    for (Award a : awards) {
      tx.write(
          "INSERT INTO points_awards (id, env_id, tenant_id, user_id, system_id, trigger_id, awarded,"
              + " total, at, tz, boosts, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          a.id(),
          scope.environmentId(),
          scope.tenantId(),
          a.userId(),
          a.systemId(),
          a.triggerId(),
          a.awarded(),
          a.total(),
          a.at().toEpochMilli(),
          a.tz(),
          boosts(a.boosts()),
          a.dedupeKey());
    }
  }

  /** PTS-10: the user's most recent awards in a system, newest first. */
  public List<Award> recentAwards(Scope scope, String userId, String systemId, int limit) {
    return awards(scope, userId, systemId, " ORDER BY at DESC, seq DESC LIMIT " + limit, null);
  }

  /** SUM-4: the user's awards in a system dated at or after {@code from}, oldest first. */
  public List<Award> awardsSince(Scope scope, String userId, String systemId, Instant from) {
    return awards(scope, userId, systemId, " AND at >= ? ORDER BY at, seq", from);
  }

  private List<Award> awards(Scope scope, String userId, String systemId, String tail, Instant from) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM points_awards WHERE env_id = ? AND tenant_id = ? AND user_id = ? AND system_id = ?"
                      + tail)) {
            ps.setString(1, scope.environmentId());
            ps.setString(2, scope.tenantId());
            ps.setString(3, userId);
            ps.setString(4, systemId);
            if (from != null) {
              ps.setLong(5, from.toEpochMilli());
            }
            List<Award> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(award(rs));
              }
            }
            return out;
          }
        });
  }

  private static Award award(ResultSet rs) throws SQLException {
    Instant at = Instant.ofEpochMilli(rs.getLong("at"));
    String systemId = rs.getString("system_id");
    return new Award(
        rs.getString("id"),
        rs.getString("user_id"),
        systemId,
        rs.getString("trigger_id"),
        rs.getLong("awarded"),
        rs.getLong("total"),
        at,
        rs.getString("tz"),
        boosts(rs.getString("boosts"), systemId, at),
        rs.getString("dedupe_key"));
  }

  /** BOOST-8, BOOST-12: the boosts applied to an award are recorded as they were. */
  private static String boosts(List<Boost> boosts) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Boost b : boosts) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("id", b.id());
      item.put("name", b.name());
      item.put("start", b.start().toString());
      item.put("end", b.end() == null ? null : b.end().toString());
      item.put("multiplier", b.multiplier().toPlainString());
      item.put("rounding", b.rounding().wire());
      item.put("userId", b.userId());
      out.add(item);
    }
    return Json.write(out);
  }

  private static List<Boost> boosts(String json, String systemId, Instant at) {
    List<Map<String, String>> raw;
    try {
      raw = Json.MAPPER.readValue(json, BOOSTS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt award boosts", e);
    }
    List<Boost> out = new ArrayList<>();
    for (Map<String, String> b : raw) {
      String end = b.get("end");
      out.add(
          new Boost(
              b.get("id"),
              systemId,
              b.get("name"),
              LocalDate.parse(b.get("start")),
              end == null ? null : LocalDate.parse(end),
              new BigDecimal(b.get("multiplier")),
              Boost.Rounding.fromWire(b.get("rounding")),
              b.get("userId"),
              List.of(),
              at));
    }
    return out;
  }
}
