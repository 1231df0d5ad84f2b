package dev.laurel.server.points;

import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsOutcome;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.server.http.Wire;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The application API's points shapes (PTS-9..PTS-11, TRIG-15, BOOST-14, LVL-11; PTS-13 nulls). */
public final class PointsJson {
  private PointsJson() {}

  /** EVENT-5 {@code points}: key → MetricEventPointsResponse for each system with awards (PTS-9). */
  public static Map<String, Object> eventPoints(PointsOutcome outcome) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (PointsOutcome.SystemChange change : outcome.changes()) {
      Wire.Obj system =
          base(change.system().system())
              .with("total", change.total())
              .with("added", change.added())
              .with("awards", awards(outcome.config(), change.awards(), null));
      if (change.levelChanged()) {
        system.with("level", change.level() == null ? null : level(change.level()));
      }
      out.put(change.system().key(), system);
    }
    return out;
  }

  /** PointsResponse: {id, key, name, description, badgeUrl, maxPoints}. */
  static Wire.Obj base(PointsSystem s) {
    return Wire.obj()
        .with("id", s.id())
        .with("key", s.key())
        .with("name", s.name())
        .with("description", s.description())
        .with("badgeUrl", s.badgeUrl())
        .with("maxPoints", s.maxPoints());
  }

  /** PTS-11 PointsSystemResponse: no {@code key}; the active triggers in creation order. */
  static Wire.Obj system(SystemConfig s) {
    List<Object> triggers = new ArrayList<>();
    for (Trigger t : s.triggers()) {
      if (t.isActive()) {
        triggers.add(trigger(t));
      }
    }
    return Wire.obj()
        .with("id", s.id())
        .with("name", s.system().name())
        .with("description", s.system().description())
        .with("badgeUrl", s.system().badgeUrl())
        .with("maxPoints", s.system().maxPoints())
        .with("triggers", triggers);
  }

  /**
   * PTS-3 PointsAward list, in the given order. Boost statuses are as of {@code now} in the user's
   * zone (BOOST-4), or as of the award itself when {@code now} is null (a response to the request
   * that made it).
   */
  static List<Object> awards(PointsConfig config, List<Award> awards, Instant now) {
    List<Object> out = new ArrayList<>();
    for (Award a : awards) {
      Wire.Obj award =
          Wire.obj()
              .with("id", a.id())
              .with("awarded", a.awarded())
              .with("date", Wire.timestamp(a.at()))
              .with("total", a.total());
      Trigger trigger = config.trigger(a.triggerId());
      if (trigger != null) {
        award.with("trigger", trigger(trigger));
      }
      if (!a.boosts().isEmpty()) {
        LocalDate today = (now == null ? a.at() : now).atZone(zone(a.tz())).toLocalDate();
        award.with("boosts", a.boosts().stream().map(b -> (Object) boost(b, today)).toList());
      }
      out.add(award);
    }
    return out;
  }

  private static ZoneId zone(String tz) {
    return tz == null ? ZoneOffset.UTC : ZoneId.of(tz);
  }

  /** TRIG-15 PointsTrigger: application names; fields of other types omitted. */
  static Wire.Obj trigger(Trigger t) {
    Wire.Obj out =
        Wire.obj()
            .with("id", t.id())
            .with("type", t.type().wire())
            .with("points", t.points())
            .with("status", t.status().wire())
            .with("userAttributes", keyValues(t.userAttributes()))
            .with("created", Wire.timestamp(t.created()))
            .with("updated", Wire.timestamp(t.updated()));
    switch (t.rule()) {
      case TriggerRule.Metric m -> {
        List<Object> events = keyValues(m.eventAttributes());
        out.with("metricId", m.metricId())
            .withOptional("metricName", m.metricName())
            .with("metricThreshold", m.threshold())
            .with("eventAttributes", events);
        if (!events.isEmpty()) {
          out.with("eventAttribute", events.get(0));
        }
      }
      case TriggerRule.Achievement a ->
          out.with("achievementId", a.achievementId()).withOptional("achievementName", a.achievementName());
      case TriggerRule.Streak s -> out.with("streakLengthThreshold", s.length());
      case TriggerRule.Time time ->
          out.with("timeUnit", time.unit().applicationWire()).with("timeInterval", time.interval());
      case TriggerRule.UserCreation u -> {}
    }
    return out;
  }

  /** ATTR-11 application form {key, value}; filters on deleted attributes are left out. */
  private static List<Object> keyValues(List<AttributeFilter> filters) {
    List<Object> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      if (f.key() != null) {
        out.add(Wire.obj().with("key", f.key()).with("value", f.value()));
      }
    }
    return out;
  }

  /** BOOST-14 PointsBoost; {@code today} decides the status (BOOST-4). */
  static Wire.Obj boost(Boost b, LocalDate today) {
    return Wire.obj()
        .with("id", b.id())
        .with("name", b.name())
        .with("status", b.status(today).wire())
        .with("start", Wire.date(b.start()))
        .with("end", Wire.date(b.end()))
        .with("multiplier", Wire.number(b.multiplier()))
        .with("rounding", b.rounding().wire());
  }

  /** LVL-11 PointsLevel: {@code description} "" and {@code badgeUrl} null when unset. */
  static Wire.Obj level(Level l) {
    return Wire.obj()
        .with("id", l.id())
        .with("key", l.key())
        .with("name", l.name())
        .with("description", l.description() == null ? "" : l.description())
        .with("badgeUrl", l.badgeUrl())
        .with("points", l.points());
  }
}
