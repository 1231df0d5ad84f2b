package dev.laurel.engine.points;

import dev.laurel.engine.user.UserProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One active points system with its triggers (every status, creation order, so that awards can
 * name archived triggers, PTS-3), its levels (threshold ascending, LVL-10) and its live boosts
 * (creation order).
 */
public record SystemConfig(PointsSystem system, List<Trigger> triggers, List<Level> levels, List<Boost> boosts) {

  public SystemConfig {
    triggers = List.copyOf(triggers);
    levels = levels.stream().sorted(Comparator.comparingLong(Level::points)).toList();
    boosts = List.copyOf(boosts);
  }

  public String id() {
    return system.id();
  }

  public String key() {
    return system.key();
  }

  /** Active triggers of one type, in creation order. */
  public List<Trigger> active(TriggerType type) {
    List<Trigger> out = new ArrayList<>();
    for (Trigger t : triggers) {
      if (t.isActive() && t.type() == type) {
        out.add(t);
      }
    }
    return out;
  }

  /** LVL-2, LVL-3: the level with the greatest threshold at or below {@code total}, or null. */
  public Level levelFor(long total) {
    Level held = null;
    for (Level l : levels) {
      if (l.points() <= total) {
        held = l;
      }
    }
    return held;
  }

  /** BOOST-2, BOOST-3, BOOST-6: the boosts that multiply an award made to {@code user} on {@code date}. */
  public List<Boost> boostsFor(UserProfile user, LocalDate date) {
    List<Boost> out = new ArrayList<>();
    for (Boost b : boosts) {
      if (b.covers(date) && b.targets(user)) {
        out.add(b);
      }
    }
    return out;
  }

  /** BOOST-14, BOOST-15 order: by start, then creation. */
  public static List<Boost> inDisplayOrder(List<Boost> boosts) {
    return boosts.stream()
        .sorted(Comparator.comparing(Boost::start).thenComparing(Boost::created).thenComparing(Boost::id))
        .toList();
  }
}
