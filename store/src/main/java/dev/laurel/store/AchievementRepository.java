package dev.laurel.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.laurel.engine.Decimals;
import dev.laurel.engine.Scope;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementCatalog;
import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.attribute.AttributeDef;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Achievement definitions (CFG-2), completions (ACH-5), users' running filtered totals (ACH-6)
 * and statistics (ACH-13). The durable queue of backdating runs is {@link BackfillRepository}.
 */
public final class AchievementRepository {
  private static final String COLUMNS =
      "id, key, name, description, badge_url, trigger_type, status, metric_id, metric_value,"
          + " streak_length, prerequisite_ids, user_filters, event_filters, filter_revision";

  private static final TypeReference<List<Map<String, String>>> STORED_FILTERS = new TypeReference<>() {};

  private final Database db;

  public AchievementRepository(Database db) {
    this.db = db;
  }

  /** The scope's non-deleted achievements in creation order; filter keys resolved from {@code attributes}. */
  public static AchievementCatalog catalog(Connection c, Scope scope, List<AttributeDef> attributes)
      throws SQLException {
    Map<String, String> keys = new HashMap<>();
    attributes.forEach(a -> keys.put(a.id(), a.key()));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM achievements WHERE env_id = ? AND tenant_id = ?"
                + " AND status <> 'deleted' ORDER BY seq")) {
      bindScope(ps, scope);
      List<Achievement> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(achievement(rs, keys));
        }
      }
      return new AchievementCatalog(out);
    }
  }

  private static Achievement achievement(ResultSet rs, Map<String, String> keys) throws SQLException {
    String value = rs.getString("metric_value");
    int streak = rs.getInt("streak_length");
    Integer streakLength = rs.wasNull() ? null : streak;
    return new Achievement(
        rs.getString("id"),
        rs.getString("key"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("badge_url"),
        AchievementTrigger.fromWire(rs.getString("trigger_type")),
        AchievementStatus.fromWire(rs.getString("status")),
        rs.getString("metric_id"),
        value == null ? null : Decimals.normalize(new BigDecimal(value)),
        filters(rs.getString("event_filters"), keys),
        streakLength,
        Json.stringList(rs.getString("prerequisite_ids")),
        filters(rs.getString("user_filters"), keys),
        rs.getString("filter_revision"));
  }

  public void insert(Tx tx, Scope scope, Achievement a, Instant now) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "INSERT INTO achievements (" + COLUMNS + ", env_id, tenant_id, created, updated, seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = bindDefinition(ps, tx.dialect(), a);
      ps.setString(i++, scope.environmentId());
      ps.setString(i++, scope.tenantId());
      ps.setLong(i++, now.toEpochMilli());
      ps.setLong(i++, now.toEpochMilli());
      ps.setLong(i, nextSeq(tx));
      ps.executeUpdate();
    }
  }

  public void update(Tx tx, Scope scope, Achievement a, Instant now) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE achievements SET id = ?, key = ?, name = ?, description = ?, badge_url = ?,"
                    + " trigger_type = ?, status = ?, metric_id = ?, metric_value = ?, streak_length = ?,"
                    + " prerequisite_ids = ?, user_filters = ?, event_filters = ?, filter_revision = ?,"
                    + " updated = ? WHERE id = ? AND env_id = ? AND tenant_id = ? AND status <> 'deleted'")) {
      int i = bindDefinition(ps, tx.dialect(), a);
      ps.setLong(i++, now.toEpochMilli());
      ps.setString(i++, a.id());
      ps.setString(i++, scope.environmentId());
      ps.setString(i, scope.tenantId());
      ps.executeUpdate();
    }
  }

  private static int bindDefinition(PreparedStatement ps, Dialect dialect, Achievement a) throws SQLException {
    ps.setString(1, a.id());
    ps.setString(2, a.key());
    ps.setString(3, a.name());
    ps.setString(4, a.description());
    ps.setString(5, a.badgeUrl());
    ps.setString(6, a.trigger().wire());
    ps.setString(7, a.status().wire());
    ps.setString(8, a.metricId());
    if (a.metricValue() == null) {
      ps.setNull(9, dialect == Dialect.SQLITE ? java.sql.Types.VARCHAR : java.sql.Types.NUMERIC);
    } else {
      dialect.setDecimal(ps, 9, a.metricValue());
    }
    if (a.streakLength() == null) {
      ps.setNull(10, java.sql.Types.INTEGER);
    } else {
      ps.setInt(10, a.streakLength());
    }
    ps.setString(11, Json.write(a.prerequisiteIds()));
    ps.setString(12, Json.write(storedFilters(a.userFilters())));
    ps.setString(13, Json.write(storedFilters(a.eventFilters())));
    ps.setString(14, a.filterRevision());
    return 15;
  }

  /** CFG-2 delete: the achievement disappears; its completions stay in storage. */
  public boolean markDeleted(Tx tx, Scope scope, String id) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "UPDATE achievements SET status = 'deleted' WHERE id = ? AND env_id = ? AND tenant_id = ?"
                    + " AND status <> 'deleted'")) {
      ps.setString(1, id);
      ps.setString(2, scope.environmentId());
      ps.setString(3, scope.tenantId());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Drops every user's running total of a requirement that no longer exists (ACH-6), bumping the
   * state versions of the users who had one (issue 8).
   */
  public void deleteFilteredTotals(Tx tx, Scope scope, String totalKey) throws SQLException {
    UserRepository.bumpStateVersions(
        tx,
        "SELECT env_id, tenant_id, user_id FROM achievement_filtered_totals"
            + " WHERE env_id = ? AND tenant_id = ? AND total_key = ?",
        scope.environmentId(),
        scope.tenantId(),
        totalKey);
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "DELETE FROM achievement_filtered_totals WHERE env_id = ? AND tenant_id = ? AND total_key = ?")) {
      bindScope(ps, scope);
      ps.setString(3, totalKey);
      ps.executeUpdate();
    }
  }

  /** A user's completions (parameters: env_id, tenant_id, user_id), read by {@link #completions}. */
  static final String COMPLETIONS_QUERY =
      "SELECT id, achievement_id, achieved_at FROM achievement_completions" + UserReads.OF_USER;

  /** A user's filtered totals, read by {@link #filteredTotals}. */
  static final String FILTERED_TOTALS_QUERY =
      "SELECT total_key, total FROM achievement_filtered_totals" + UserReads.OF_USER;

  static Map<String, Completion> completions(ResultSet rs) throws SQLException {
    Map<String, Completion> completions = new HashMap<>();
    while (rs.next()) {
      Completion done =
          new Completion(
              rs.getString("id"), rs.getString("achievement_id"), Instant.ofEpochMilli(rs.getLong("achieved_at")));
      completions.put(done.achievementId(), done);
    }
    return completions;
  }

  static Map<String, BigDecimal> filteredTotals(ResultSet rs, Dialect dialect) throws SQLException {
    Map<String, BigDecimal> totals = new HashMap<>();
    while (rs.next()) {
      totals.put(rs.getString("total_key"), dialect.getDecimal(rs, "total"));
    }
    return totals;
  }

  /**
   * Writes what changed between two progress values of one user: new completions (a duplicate
   * violates the unique index, ACH-5) and changed filtered totals.
   */
  public void saveProgress(
      Tx tx, Scope scope, String userId, AchievementProgress before, AchievementProgress after, boolean backdated)
      throws SQLException {
    for (Completion c : after.completions().values()) {
      if (!before.hasCompleted(c.achievementId())) {
        tx.write(
            "INSERT INTO achievement_completions (id, env_id, tenant_id, user_id, achievement_id,"
                + " achieved_at, backdated) VALUES (?, ?, ?, ?, ?, ?, ?)",
            c.id(),
            scope.environmentId(),
            scope.tenantId(),
            userId,
            c.achievementId(),
            c.achievedAt().toEpochMilli(),
            backdated);
      }
    }
    for (Map.Entry<String, BigDecimal> e : after.filteredTotals().entrySet()) {
      BigDecimal old = before.filteredTotal(e.getKey());
      if (old == null || old.compareTo(e.getValue()) != 0) {
        tx.write(
            "INSERT INTO achievement_filtered_totals (env_id, tenant_id, user_id, total_key, total)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (env_id, tenant_id, user_id, total_key)"
                + " DO UPDATE SET total = excluded.total",
            scope.environmentId(),
            scope.tenantId(),
            userId,
            e.getKey(),
            e.getValue());
      }
    }
  }

  /** ACH-6: the sum of the user's events on a metric whose attributes match every filter. */
  public BigDecimal sumOfMatchingEvents(Scope scope, String userId, String metricId, List<AttributeFilter> filters) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT value, attributes FROM events WHERE env_id = ? AND tenant_id = ? AND user_id = ?"
                      + " AND metric_id = ?")) {
            UserRepository.bindUser(ps, scope, userId);
            ps.setString(4, metricId);
            BigDecimal sum = BigDecimal.ZERO;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (AttributeFilter.allMatch(filters, Json.stringMap(rs.getString("attributes")))) {
                  sum = sum.add(db.dialect().getDecimal(rs, "value"));
                }
              }
            }
            return sum;
          }
        });
  }

  /** ACH-13: number of completions per achievement id in the scope. */
  public Map<String, Long> completionCounts(Scope scope) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT achievement_id, COUNT(*) AS n FROM achievement_completions WHERE env_id = ?"
                      + " AND tenant_id = ? GROUP BY achievement_id")) {
            bindScope(ps, scope);
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString("achievement_id"), rs.getLong("n"));
              }
            }
            return out;
          }
        });
  }

  /** The filter columns hold attribute ids and values only; keys come from the definitions. */
  private record StoredFilter(String attributeId, String value) {}

  private static List<StoredFilter> storedFilters(List<AttributeFilter> filters) {
    return filters.stream().map(f -> new StoredFilter(f.attributeId(), f.value())).toList();
  }

  private static List<AttributeFilter> filters(String json, Map<String, String> keys) {
    List<AttributeFilter> out = new ArrayList<>();
    List<Map<String, String>> stored;
    try {
      stored = Json.MAPPER.readValue(json, STORED_FILTERS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt achievement filters", e);
    }
    for (Map<String, String> f : stored) {
      out.add(new AttributeFilter(f.get("attributeId"), keys.get(f.get("attributeId")), f.get("value")));
    }
    return out;
  }

  private static long nextSeq(Tx tx) throws SQLException {
    try (PreparedStatement ps =
            tx.connection().prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM achievements");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bindScope(PreparedStatement ps, Scope scope) throws SQLException {
    ps.setString(1, scope.environmentId());
    ps.setString(2, scope.tenantId());
  }
}
