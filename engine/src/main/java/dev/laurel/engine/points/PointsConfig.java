package dev.laurel.engine.points;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points part of a scope's configuration snapshot: active systems in creation order (EVENT-4
 * step 6), looked up by key and id; every trigger of those systems by id.
 */
public final class PointsConfig {
  public static final PointsConfig EMPTY = new PointsConfig(List.of());

  private final List<SystemConfig> systems;
  private final Map<String, SystemConfig> byKey = new HashMap<>();
  private final Map<String, SystemConfig> byId = new HashMap<>();
  private final Map<String, Trigger> triggers = new HashMap<>();
  private final Set<TriggerType> activeTypes = EnumSet.noneOf(TriggerType.class);

  public PointsConfig(List<SystemConfig> systems) {
    this.systems = List.copyOf(systems);
    for (SystemConfig s : this.systems) {
      byKey.put(s.key(), s);
      byId.put(s.id(), s);
      for (Trigger t : s.triggers()) {
        triggers.put(t.id(), t);
        if (t.isActive()) {
          activeTypes.add(t.type());
        }
      }
    }
  }

  public List<SystemConfig> systems() {
    return systems;
  }

  public SystemConfig byKey(String key) {
    return byKey.get(key);
  }

  public SystemConfig byId(String id) {
    return byId.get(id);
  }

  public Trigger trigger(String id) {
    return triggers.get(id);
  }

  /** Whether some active system has an active trigger of this type. */
  public boolean hasActive(TriggerType type) {
    return activeTypes.contains(type);
  }
}
