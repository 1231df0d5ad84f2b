package dev.laurel.server.points;

import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsSystem;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerRule;
import dev.laurel.server.http.Wire;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The admin API's points shapes (PTS-17, TRIG-19, LVL-10, BOOST-10; PTS-13 "" descriptions). */
final class PointsAdminJson {
  private PointsAdminJson() {}

  /** AdminPointsSystem. */
  static Wire.Obj system(PointsSystem s) {
    return Wire.obj()
        .with("id", s.id())
        .with("name", s.name())
        .with("key", s.key())
        .with("description", s.description() == null ? "" : s.description())
        .with("status", "active")
        .with("badge", badge(s.badgeUrl()))
        .with("maxPoints", s.maxPoints());
  }

  /** TRIG-19 AdminPointsTrigger: admin names; {@code eventAttributes} only on metric triggers. */
  static Wire.Obj trigger(Trigger t) {
    Wire.Obj out =
        Wire.obj()
            .with("id", t.id())
            .with("type", t.type().wire())
            .with("points", t.points())
            .with("status", t.status().wire())
            .with("userAttributes", filters(t.userAttributes()));
    switch (t.rule()) {
      case TriggerRule.Metric m ->
          out.with("metricId", m.metricId())
              .with("metricThreshold", m.threshold())
              .with("eventAttributes", filters(m.eventAttributes()));
      case TriggerRule.Achievement a -> out.with("achievementId", a.achievementId());
      case TriggerRule.Streak s -> out.with("streakLength", s.length());
      case TriggerRule.Time time -> out.with("timeUnit", time.unit().adminWire()).with("timeInterval", time.interval());
      case TriggerRule.UserCreation u -> {}
    }
    return out.with("blockIfOutOfPoints", t.blockIfOutOfPoints());
  }

  /** LVL-10 AdminPointsLevel. */
  static Wire.Obj level(Level l) {
    return Wire.obj()
        .with("id", l.id())
        .with("name", l.name())
        .with("key", l.key())
        .with("points", l.points())
        .with("description", l.description() == null ? "" : l.description())
        .with("badge", badge(l.badgeUrl()));
  }

  /** BOOST-10 AdminPointsBoost; status as of the UTC date {@code today} (TIME-5). */
  static Wire.Obj boost(Boost b, LocalDate today) {
    Wire.Obj out =
        Wire.obj()
            .with("id", b.id())
            .with("name", b.name())
            .with("status", b.status(today).wire())
            .with("start", Wire.date(b.start()))
            .with("end", Wire.date(b.end()))
            .with("multiplier", Wire.number(b.multiplier()))
            .with("rounding", b.rounding().wire())
            .with("userId", b.userId());
    if (b.isGlobal()) {
      out.with("userAttributes", filters(b.userAttributes()));
    }
    return out;
  }

  private static Object badge(String url) {
    return url == null ? null : Wire.obj().with("url", url);
  }

  private static List<Object> filters(List<AttributeFilter> filters) {
    List<Object> out = new ArrayList<>();
    for (AttributeFilter f : filters) {
      out.add(Wire.obj().with("attributeId", f.attributeId()).with("attributeValue", f.value()));
    }
    return out;
  }
}
