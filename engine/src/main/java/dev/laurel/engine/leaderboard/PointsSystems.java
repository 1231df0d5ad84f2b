package dev.laurel.engine.leaderboard;

/**
 * The active points systems of a scope, as leaderboards reference them (LB-1: {@code rankBy:
 * points} requires an active system). Points are a feature of their own; its configuration
 * provides this view.
 */
public interface PointsSystems {
  /** No points systems. */
  PointsSystems NONE =
      new PointsSystems() {
        @Override
        public PointsSystemRef byId(String id) {
          return null;
        }

        @Override
        public PointsSystemRef byKey(String key) {
          return null;
        }
      };

  /** The active system with this id, or null. */
  PointsSystemRef byId(String id);

  /** The active system with this key, or null. */
  PointsSystemRef byKey(String key);
}
