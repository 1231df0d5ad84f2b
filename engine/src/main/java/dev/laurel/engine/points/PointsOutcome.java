package dev.laurel.engine.points;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The points effects of one request: time-trigger awards settled before it ({@code settled},
 * EVENT-4 step 1, not reported) and the request's own awards in order ({@code awarded}, steps 2
 * and 6, reported per PTS-9), with the configuration snapshot they were made under.
 */
public record PointsOutcome(List<Award> settled, List<Award> awarded, PointsConfig config) {
  public static final PointsOutcome NONE = new PointsOutcome(List.of(), List.of(), PointsConfig.EMPTY);

  public PointsOutcome {
    settled = List.copyOf(settled);
    awarded = List.copyOf(awarded);
  }

  /** Every award to store, in the order it was made. */
  public List<Award> all() {
    List<Award> out = new ArrayList<>(settled);
    out.addAll(awarded);
    return out;
  }

  /**
   * One system's part of a request (PTS-9, LVL-5): total after, sum of effective changes, the
   * awards in order, and whether the level changed (then {@code level} is the new one or null).
   */
  public record SystemChange(
      SystemConfig system, long total, long added, List<Award> awards, boolean levelChanged, Level level) {}

  /** PTS-9: the systems that received at least one award in the request, in creation order. */
  public List<SystemChange> changes() {
    List<SystemChange> out = new ArrayList<>();
    for (SystemConfig system : config.systems()) {
      List<Award> mine = awarded.stream().filter(a -> a.systemId().equals(system.id())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Award first = mine.get(0);
      long total = mine.get(mine.size() - 1).total();
      long before = first.total() - first.awarded();
      Level was = system.levelFor(before);
      Level now = system.levelFor(total);
      boolean changed = !Objects.equals(id(was), id(now));
      out.add(new SystemChange(system, total, total - before, mine, changed, now));
    }
    return out;
  }

  private static String id(Level level) {
    return level == null ? null : level.id();
  }
}
