package dev.laurel.server.points;

import static dev.laurel.server.points.Fields.issue;
import static dev.laurel.server.points.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.points.Level;
import dev.laurel.server.admin.Bulk;
import java.time.Instant;
import java.util.List;

/** Admin level items (LVL-1, LVL-8, LVL-9) checked against the system's other live levels. */
final class LevelItems {
  private static final String POINTS = "points must be an integer >= 0";

  private LevelItems() {}

  /** LVL-8; {@code others} are the system's live levels, including earlier items of the request. */
  static Level create(JsonNode item, String systemId, String id, Instant now, List<Level> others) {
    if (!item.isObject()) {
      throw issue("item must be an object");
    }
    problem(Bulk.nameProblem(item, "name"));
    problem(Bulk.keyProblem(item));
    long points = Fields.integer(item, "points", 0, Long.MAX_VALUE, POINTS);
    String description = Fields.string(item, "description");
    String badge = present(item, "badge") ? Fields.badgeUrl(item) : null;
    String key = item.get("key").textValue();
    for (Level other : others) {
      if (other.key().equals(key)) {
        throw issue("Key already in use by another level");
      }
    }
    checkThreshold(points, null, others);
    return new Level(id, systemId, key, item.get("name").textValue(), description, badge, points, now);
  }

  /** LVL-9: name, points, description and badge may change ({@code badge: null} clears); the key never. */
  static Level update(JsonNode item, Level current, List<Level> others) {
    String name = current.name();
    if (present(item, "name")) {
      problem(Bulk.nameProblem(item, "name"));
      name = item.get("name").textValue();
    }
    long points = present(item, "points") ? Fields.integer(item, "points", 0, Long.MAX_VALUE, POINTS) : current.points();
    checkThreshold(points, current.id(), others);
    String description = present(item, "description") ? Fields.string(item, "description") : current.description();
    String badge = current.badgeUrl();
    if (item.has("badge")) {
      badge = item.get("badge").isNull() ? null : Fields.badgeUrl(item);
    }
    return new Level(current.id(), current.systemId(), current.key(), name, description, badge, points, current.created());
  }

  private static void checkThreshold(long points, String self, List<Level> others) {
    for (Level other : others) {
      if (other.points() == points && !other.id().equals(self)) {
        throw issue("Points threshold already used by another level");
      }
    }
  }

  private static void problem(String message) {
    if (message != null) {
      throw issue(message);
    }
  }
}
