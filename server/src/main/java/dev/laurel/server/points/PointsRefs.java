package dev.laurel.server.points;

import dev.laurel.engine.leaderboard.PointsSystemRef;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.SystemConfig;

/** The active points systems of a scope's snapshot as leaderboards reference them (LB-1, LB-22). */
public final class PointsRefs {
  private PointsRefs() {}

  public static PointsSystems of(PointsConfig points) {
    return new PointsSystems() {
      @Override
      public PointsSystemRef byId(String id) {
        return ref(points.byId(id));
      }

      @Override
      public PointsSystemRef byKey(String key) {
        return ref(points.byKey(key));
      }
    };
  }

  private static PointsSystemRef ref(SystemConfig s) {
    return s == null ? null : new PointsSystemRef(s.id(), s.key(), s.system().name());
  }
}
