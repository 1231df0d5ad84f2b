package dev.laurel.server.leaderboard;

import dev.laurel.engine.leaderboard.PointsSystemRef;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.SystemConfig;

/** A scope's active points systems (§17) as leaderboards reference them (LB-1, LB-22). */
public final class PointsSystemsView implements PointsSystems {
  private final PointsConfig points;

  public PointsSystemsView(PointsConfig points) {
    this.points = points;
  }

  @Override
  public PointsSystemRef byId(String id) {
    return ref(points.byId(id));
  }

  @Override
  public PointsSystemRef byKey(String key) {
    return ref(points.byKey(key));
  }

  private static PointsSystemRef ref(SystemConfig system) {
    return system == null ? null : new PointsSystemRef(system.id(), system.key(), system.system().name());
  }
}
