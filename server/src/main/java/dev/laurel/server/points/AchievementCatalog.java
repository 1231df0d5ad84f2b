package dev.laurel.server.points;

import dev.laurel.engine.Scope;

/**
 * What points needs to know about achievements (TRIG-1, TRIG-15, TRIG-16, CFG-1): whether an id
 * exists, its name, and the id of a key (configuration file references). The achievements feature
 * provides the real catalog; until it is wired, {@link #NONE} knows no achievement, so achievement
 * triggers are refused with {@code "Achievement not found by ID"}.
 */
public interface AchievementCatalog {
  AchievementCatalog NONE =
      new AchievementCatalog() {
        @Override
        public String name(Scope scope, String achievementId) {
          return null;
        }

        @Override
        public String idOfKey(Scope scope, String key) {
          return null;
        }
      };

  /** The achievement's name, or null when there is no such (non-deleted) achievement. */
  String name(Scope scope, String achievementId);

  /** The id of the achievement with this key, or null. */
  String idOfKey(Scope scope, String key);
}
