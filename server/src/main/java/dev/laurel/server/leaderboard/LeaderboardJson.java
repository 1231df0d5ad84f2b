package dev.laurel.server.leaderboard;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Groups;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.PointsSystemRef;
import dev.laurel.engine.leaderboard.PointsSystems;
import dev.laurel.engine.leaderboard.RankHistory;
import dev.laurel.engine.metric.Metric;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The leaderboard shapes of the application API (LB-22, LB-31, LB-34) and the admin API (LB-35). */
public final class LeaderboardJson {
  private final Scopes scopes;
  private final Function<Scope, PointsSystems> points;
  private final InstantSource clock;

  public LeaderboardJson(Scopes scopes, Function<Scope, PointsSystems> points, InstantSource clock) {
    this.scopes = scopes;
    this.points = points;
    this.clock = clock;
  }

  /**
   * LB-22 {@code LeaderboardResponse} with its status; {@code start} and {@code end} are the
   * configured dates.
   */
  public Wire.Obj response(Scope scope, Leaderboard lb, Instant now) {
    return response(scope, lb, now, lb.start(), lb.end());
  }

  private Wire.Obj response(Scope scope, Leaderboard lb, Instant now, LocalDate start, LocalDate end) {
    ScopeConfig config = scopes.config(scope);
    List<String> keys = new ArrayList<>();
    for (String id : lb.breakdownAttributes()) {
      String key = Groups.keyOf(config, id);
      keys.add(key == null ? id : key);
    }
    Wire.Obj out =
        Wire.obj()
            .with("id", lb.id())
            .with("name", lb.name())
            .with("key", lb.key())
            .with("status", lb.status(now).wire())
            .with("description", lb.description())
            .with("rankBy", lb.rankBy().wire());
    switch (lb.rankBy()) {
      case METRIC -> {
        Metric m = config.metricById(lb.metricId());
        out.withOptional("metricKey", m == null ? null : m.key())
            .withOptional("metricName", m == null ? null : m.name());
      }
      case POINTS -> {
        PointsSystemRef ps = points.apply(scope).byId(lb.pointsSystemId());
        out.withOptional("pointsSystemKey", ps == null ? null : ps.key())
            .withOptional("pointsSystemName", ps == null ? null : ps.name());
      }
      case STREAK -> {}
    }
    return out.with("breakdownAttributes", keys)
        .with("breakdownAttribute", keys.size() == 1 ? keys.getFirst() : null)
        .with("start", Wire.date(start))
        .with("end", Wire.date(end))
        .with("startTime", time(lb.startTime()))
        .with("endTime", time(lb.endTime()))
        .with("maxParticipants", lb.maxParticipants())
        .with("runUnit", lb.runUnit() == null ? null : lb.runUnit().wire())
        .with("runInterval", lb.runInterval());
  }

  /** EVENT-5's {@code leaderboards} map: key → {@code MetricEventLeaderboardResponse} (LB-31). */
  public Map<String, Object> eventEntries(Scope scope, List<Placement> placements) {
    Map<String, Object> out = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (Placement p : placements) {
      Leaderboard lb = p.leaderboard();
      Wire.Obj entry =
          response(scope, lb, now, p.run().start(), p.run().end())
              .with("rank", p.rank())
              .with("previousRank", p.previousRank())
              .with("threshold", p.threshold());
      if (lb.hasBreakdown()) {
        List<Object> values = new ArrayList<>();
        List<String> keys = breakdownKeys(scope, lb);
        List<String> groupValues = p.group() == null ? List.of() : Groups.decode(p.group());
        for (int i = 0; i < groupValues.size(); i++) {
          values.add(Wire.obj().with("key", keys.get(i)).with("value", groupValues.get(i)));
        }
        entry.with("breakdownAttributeValues", values);
        if (keys.size() == 1 && !groupValues.isEmpty()) {
          entry.with("breakdownAttributeValue", groupValues.getFirst());
        }
      }
      out.put(lb.key(), entry);
    }
    return out;
  }

  /** LB-34 {@code LeaderboardEvent}s. */
  public static List<Object> history(List<RankHistory.Event> events) {
    List<Object> out = new ArrayList<>();
    for (RankHistory.Event e : events) {
      out.add(
          Wire.obj()
              .with("date", Wire.date(e.date()))
              .with("timestamp", Wire.timestamp(e.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
              .with("previousRank", e.previousRank())
              .with("rank", e.rank())
              .with("previousValue", e.previousValue())
              .with("value", e.value()));
    }
    return out;
  }

  /** LB-35 {@code AdminLeaderboard}: optional fields only when set. */
  public static Wire.Obj admin(Leaderboard lb, Instant now) {
    Wire.Obj out =
        Wire.obj()
            .with("id", lb.id())
            .with("name", lb.name())
            .with("key", lb.key())
            .withOptional("description", lb.description())
            .with("status", lb.status(now).wire())
            .with("rankBy", lb.rankBy().wire())
            .withOptional("metricId", lb.metricId())
            .withOptional("pointsSystemId", lb.pointsSystemId())
            .with("maxParticipants", lb.maxParticipants())
            .with("start", Wire.date(lb.start()))
            .withOptional("end", Wire.date(lb.end()))
            .withOptional("startTime", time(lb.startTime()))
            .withOptional("endTime", time(lb.endTime()))
            .with("breakdownAttributes", lb.breakdownAttributes());
    if (lb.runUnit() != null) {
      out.with("runUnit", lb.runUnit().wire()).with("runInterval", lb.runInterval());
    }
    return out;
  }

  /** The keys of a leaderboard's breakdown attributes, in breakdown order. */
  List<String> breakdownKeys(Scope scope, Leaderboard lb) {
    ScopeConfig config = scopes.config(scope);
    return lb.breakdownAttributes().stream()
        .map(id -> {
          String key = Groups.keyOf(config, id);
          return key == null ? id : key;
        })
        .toList();
  }

  static String time(LocalTime t) {
    return t == null ? null : t.toString();
  }
}
