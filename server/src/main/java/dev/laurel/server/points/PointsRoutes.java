package dev.laurel.server.points;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.points.Award;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.PointsConfig;
import dev.laurel.engine.points.PointsHistogram;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.http.AttributeQuery;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Query;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.users.EventSummary;
import dev.laurel.store.AwardRepository;
import dev.laurel.store.PointsRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The application API's points endpoints (A16..A18, A21..A25 of §26.1). */
public final class PointsRoutes {
  private static final String USER = HttpApi.APP + "/users/{id}/points/{key}";
  private static final String SYSTEM = HttpApi.APP + "/points/{key}";

  private final PointsService service;
  private final PointsRepository points;
  private final AwardRepository awards;
  private final UserRepository users;
  private final Scopes scopes;
  private final InstantSource clock;

  public PointsRoutes(
      PointsService service,
      PointsRepository points,
      AwardRepository awards,
      UserRepository users,
      Scopes scopes,
      InstantSource clock) {
    this.service = service;
    this.points = points;
    this.awards = awards;
    this.users = users;
    this.scopes = scopes;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(USER, this::userPoints);
    app.get(USER + "/boosts", this::userBoosts);
    app.get(USER + "/event-summary", this::eventSummary);
    app.get(SYSTEM, this::pointsSystem);
    app.get(SYSTEM + "/summary", this::summary);
    app.get(SYSTEM + "/boosts", this::boosts);
    app.get(SYSTEM + "/levels", this::levels);
    app.get(SYSTEM + "/level-summary", this::levelSummary);
  }

  /** PTS-10, LVL-4: total, current level and the most recent awards, newest first. */
  private void userPoints(Context ctx) {
    UserProfile user = user(ctx);
    SystemConfig system = system(ctx);
    int count = Query.integer(ctx, "awards", 10, 1, 100);
    UserState state = settled(ctx, user);
    long total = state.points().total(system.id());
    Level level = system.levelFor(total);
    List<Award> recent = awards.recentAwards(Requests.scope(ctx), user.id(), system.id(), count);
    Wire.send(
        ctx,
        PointsJson.base(system.system())
            .with("total", total)
            .with("level", level == null ? null : PointsJson.level(level))
            .with("awards", PointsJson.awards(config(ctx), recent, clock.instant())));
  }

  /** BOOST-15: boosts active today (user's zone) for this user: matching global ones and their own. */
  private void userBoosts(Context ctx) {
    UserProfile user = user(ctx);
    SystemConfig system = system(ctx);
    LocalDate today = LocalDate.ofInstant(clock.instant(), user.zone());
    List<Object> out = new ArrayList<>();
    for (Boost b : SystemConfig.inDisplayOrder(system.boostsFor(user, today))) {
      out.add(PointsJson.boost(b, today));
    }
    Wire.send(ctx, out);
  }

  /** SUM-1..SUM-5 over effective award deltas (PTS-7), bucketed by each award's local date. */
  private void eventSummary(Context ctx) {
    UserProfile user = user(ctx);
    SystemConfig system = system(ctx);
    String aggregation = Query.oneOf(ctx, "aggregation", List.of("daily", "weekly", "monthly"));
    LocalDate start = Query.date(ctx, "startDate");
    LocalDate end = Query.date(ctx, "endDate");
    EventSummary.checkRange(start, end);
    var agg = EventSummary.Aggregation.valueOf(aggregation.toUpperCase(Locale.ROOT));
    UserState state = settled(ctx, user);
    Instant from = EventSummary.earliestInstant(start.minusDays(31)); // before any first bucket
    List<StoredEvent> changes = new ArrayList<>();
    for (Award a : awards.awardsSince(Requests.scope(ctx), user.id(), system.id(), from)) {
      changes.add(new StoredEvent(a.id(), a.userId(), a.systemId(), BigDecimal.valueOf(a.awarded()), Map.of(), a.tz(), a.at(), null));
    }
    BigDecimal total = BigDecimal.valueOf(state.points().total(system.id()));
    List<Object> out = new ArrayList<>();
    for (EventSummary.Bucket b : EventSummary.buckets(agg, start, end, total, changes)) {
      out.add(Wire.obj().with("date", Wire.date(b.date())).with("total", b.total()).with("change", b.change()));
    }
    Wire.send(ctx, out);
  }

  /** PTS-11. */
  private void pointsSystem(Context ctx) {
    Wire.send(ctx, PointsJson.system(system(ctx)));
  }

  /** PTS-12: eleven ranges over every user of the scope (optionally filtered, ATTR-10). */
  private void summary(Context ctx) {
    SystemConfig system = system(ctx);
    Map<String, String> filter = AttributeQuery.userAttributes(ctx, "userAttributes", scopes.config(Requests.scope(ctx)));
    long[] totals =
        totals(ctx, system).stream()
            .filter(t -> filter == null || t.attributes().entrySet().containsAll(filter.entrySet()))
            .mapToLong(PointsRepository.UserTotal::total)
            .toArray();
    List<Object> out = new ArrayList<>();
    for (PointsHistogram.Range r : PointsHistogram.of(totals)) {
      out.add(Wire.obj().with("from", r.from()).with("to", r.to()).with("users", r.users()));
    }
    Wire.send(ctx, out);
  }

  /** BOOST-14: global boosts, finished ones only with {@code includeFinished=true}. */
  private void boosts(Context ctx) {
    SystemConfig system = system(ctx);
    boolean includeFinished = bool(ctx, "includeFinished");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Object> out = new ArrayList<>();
    for (Boost b : SystemConfig.inDisplayOrder(system.boosts())) {
      if (b.isGlobal() && (includeFinished || b.status(today) != Boost.Status.FINISHED)) {
        out.add(PointsJson.boost(b, today));
      }
    }
    Wire.send(ctx, out);
  }

  /** LVL-11. */
  private void levels(Context ctx) {
    Wire.send(ctx, system(ctx).levels().stream().map(l -> (Object) PointsJson.level(l)).toList());
  }

  /** LVL-12: users per current level; users holding no level are not counted. */
  private void levelSummary(Context ctx) {
    SystemConfig system = system(ctx);
    if (system.levels().isEmpty()) {
      throw Rejection.invalid("Points system " + system.key() + " has no levels");
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    system.levels().forEach(l -> counts.put(l.id(), 0L));
    for (PointsRepository.UserTotal t : totals(ctx, system)) {
      Level level = system.levelFor(t.total());
      if (level != null) {
        counts.merge(level.id(), 1L, Long::sum);
      }
    }
    List<Object> out = new ArrayList<>();
    for (Level l : system.levels()) {
      out.add(Wire.obj().with("level", PointsJson.level(l)).with("users", counts.get(l.id())));
    }
    Wire.send(ctx, out);
  }

  /** Totals of the scope after settling every due time firing (TRIG-11). */
  private List<PointsRepository.UserTotal> totals(Context ctx, SystemConfig system) {
    Scope scope = Requests.scope(ctx);
    service.sweep(scope);
    return points.totals(scope, system.id());
  }

  private UserState settled(Context ctx, UserProfile user) {
    UserState state = service.settled(Requests.scope(ctx), user.id());
    if (state == null) {
      throw Rejection.notFound("User not found");
    }
    return state;
  }

  private UserProfile user(Context ctx) {
    String id = ctx.pathParam("id");
    Requests.checkSubject(ctx, id);
    UserProfile user = users.profile(Requests.scope(ctx), id);
    if (user == null) {
      throw Rejection.notFound("User not found");
    }
    return user;
  }

  private PointsConfig config(Context ctx) {
    return scopes.config(Requests.scope(ctx)).points();
  }

  private SystemConfig system(Context ctx) {
    SystemConfig system = config(ctx).byKey(ctx.pathParam("key"));
    if (system == null) {
      throw Rejection.notFound("Points system not found");
    }
    return system;
  }

  private static boolean bool(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    if (raw.trim().equalsIgnoreCase("true")) {
      return true;
    }
    if (raw.trim().equalsIgnoreCase("false")) {
      return false;
    }
    throw Rejection.invalid(name + " must be true or false");
  }
}
