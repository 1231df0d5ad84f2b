package dev.laurel.engine.achievement;

import dev.laurel.engine.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ACH-1 for composites: prerequisites exist, are distinct, exclude the achievement, form no cycle. */
final class PrerequisiteGraph {
  private PrerequisiteGraph() {}

  static void check(AchievementCatalog catalog, Achievement candidate) {
    List<String> ids = candidate.prerequisiteIds();
    if (ids.isEmpty()) {
      throw Rejection.invalid("achievementIds must list at least one prerequisite achievement");
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id.equals(candidate.id())) {
        throw Rejection.invalid("An achievement cannot be its own prerequisite");
      }
      if (catalog.byId(id) == null) {
        throw Rejection.invalid("achievementIds: Achievement not found by ID: " + id);
      }
      if (!seen.add(id)) {
        throw Rejection.invalid("achievementIds lists " + catalog.byId(id).key() + " twice");
      }
    }
    List<String> cycle = pathBack(catalog, candidate);
    if (cycle != null) {
      throw Rejection.invalid("achievementIds would create a cycle: " + String.join(" -> ", cycle));
    }
  }

  /** Keys of a prerequisite path from the candidate back to itself, or null if there is none. */
  private static List<String> pathBack(AchievementCatalog catalog, Achievement candidate) {
    Deque<List<String>> paths = new ArrayDeque<>();
    Set<String> visited = new HashSet<>();
    for (String id : candidate.prerequisiteIds()) {
      paths.add(List.of(id));
    }
    while (!paths.isEmpty()) {
      List<String> path = paths.poll();
      String last = path.get(path.size() - 1);
      if (last.equals(candidate.id())) {
        List<String> keys = new ArrayList<>();
        keys.add(candidate.key());
        for (String id : path) {
          keys.add(id.equals(candidate.id()) ? candidate.key() : catalog.byId(id).key());
        }
        return keys;
      }
      if (!visited.add(last)) {
        continue;
      }
      Achievement node = catalog.byId(last);
      if (node != null && node.trigger() == AchievementTrigger.ACHIEVEMENT) {
        for (String next : node.prerequisiteIds()) {
          List<String> longer = new ArrayList<>(path);
          longer.add(next);
          paths.add(longer);
        }
      }
    }
    return null;
  }
}
