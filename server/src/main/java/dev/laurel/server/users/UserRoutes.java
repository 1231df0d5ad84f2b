package dev.laurel.server.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.achievement.AchievementJson;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Query;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The application API's user endpoints (USER-6, PREF-3/4, METRIC-7..9, SUM-1..5). */
public final class UserRoutes {
  private static final String USER = HttpApi.APP + "/users/{id}";

  private final UserService service;
  private final UserRepository users;
  private final Scopes scopes;

  public UserRoutes(UserService service, UserRepository users, Scopes scopes) {
    this.service = service;
    this.users = users;
    this.scopes = scopes;
  }

  public void register(Javalin app) {
    app.post(HttpApi.APP + "/users", this::create);
    app.get(USER, this::get);
    app.put(USER, this::identify);
    app.patch(USER, this::update);
    app.get(USER + "/preferences", this::getPreferences);
    app.patch(USER + "/preferences", this::updatePreferences);
    app.get(USER + "/metrics", this::allMetrics);
    app.get(USER + "/metrics/{key}", this::singleMetric);
    app.get(USER + "/metrics/{key}/event-summary", this::metricSummary);
  }

  private void create(Context ctx) {
    JsonNode body = Body.object(Body.json(ctx, Body.LIMIT), "Request body");
    String id = UserJson.id(body, "id");
    var patch = UserJson.patch(body);
    Requests.checkSubject(ctx, id);
    ctx.status(201);
    Wire.send(ctx, UserJson.user(service.create(Requests.scope(ctx), id, patch)));
  }

  private void get(Context ctx) {
    Wire.send(ctx, UserJson.user(existing(ctx).profile()));
  }

  private void identify(Context ctx) {
    String id = subject(ctx);
    var patch = UserJson.patch(Body.object(Body.json(ctx, Body.LIMIT), "Request body"));
    Wire.send(ctx, UserJson.user(service.identify(Requests.scope(ctx), id, patch)));
  }

  private void update(Context ctx) {
    String id = subject(ctx);
    var patch = UserJson.patch(Body.object(Body.json(ctx, Body.LIMIT), "Request body"));
    Wire.send(ctx, UserJson.user(service.update(Requests.scope(ctx), id, patch)));
  }

  private void getPreferences(Context ctx) {
    Wire.send(ctx, UserJson.preferences(existing(ctx).preferences()));
  }

  private void updatePreferences(Context ctx) {
    String id = subject(ctx);
    var patch = UserJson.preferencesPatch(Body.object(Body.json(ctx, Body.LIMIT), "Request body"));
    Preferences updated = service.updatePreferences(Requests.scope(ctx), id, patch);
    Wire.send(ctx, UserJson.preferences(updated));
  }

  private void allMetrics(Context ctx) {
    UserState state = existing(ctx);
    ScopeConfig config = scopes.config(Requests.scope(ctx));
    List<Object> out = new ArrayList<>();
    for (Metric m : config.metrics()) {
      out.add(metricResponse(m, state, config));
    }
    Wire.send(ctx, out);
  }

  private void singleMetric(Context ctx) {
    UserState state = existing(ctx);
    Wire.send(ctx, metricResponse(metric(ctx), state, scopes.config(Requests.scope(ctx))));
  }

  private void metricSummary(Context ctx) {
    UserState state = existing(ctx);
    Metric metric = metric(ctx);
    String aggregation = Query.oneOf(ctx, "aggregation", List.of("daily", "weekly", "monthly"));
    LocalDate start = Query.date(ctx, "startDate");
    LocalDate end = Query.date(ctx, "endDate");
    EventSummary.checkRange(start, end);
    var agg = EventSummary.Aggregation.valueOf(aggregation.toUpperCase(java.util.Locale.ROOT));
    var events =
        users.eventsSince(
            Requests.scope(ctx), state.profile().id(), metric.id(), EventSummary.earliestInstant(agg.bucketStart(start)));
    List<Object> out = new ArrayList<>();
    for (EventSummary.Bucket b : EventSummary.buckets(agg, start, end, state.total(metric.id()), events)) {
      out.add(Wire.obj().with("date", Wire.date(b.date())).with("total", b.total()).with("change", b.change()));
    }
    Wire.send(ctx, out);
  }

  /** METRIC-9 (with SDK-3's {@code status}). */
  private static Wire.Obj metricResponse(Metric m, UserState state, ScopeConfig config) {
    return Wire.obj()
        .with("id", m.id())
        .with("key", m.key())
        .with("name", m.name())
        .with("status", "active")
        .with("current", Wire.number(state.total(m.id())))
        .with("achievements", AchievementJson.forMetric(config, m, state));
  }

  private Metric metric(Context ctx) {
    ScopeConfig config = scopes.config(Requests.scope(ctx));
    Metric metric = config.metricByKey(ctx.pathParam("key"));
    if (metric == null) {
      throw Rejection.notFound("Metric not found");
    }
    return metric;
  }

  private static String subject(Context ctx) {
    String id = ctx.pathParam("id");
    Requests.checkSubject(ctx, id);
    return id;
  }

  private UserState existing(Context ctx) {
    String id = subject(ctx);
    Scope scope = Requests.scope(ctx);
    UserState state = users.load(scope, id);
    if (state == null) {
      throw Rejection.notFound("User not found");
    }
    return state;
  }
}
