package dev.laurel.server.achievement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementCatalog;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.http.AttributeQuery;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.points.PointsJson;
import dev.laurel.server.scope.Scopes;
import dev.laurel.server.users.UserJson;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The application API's achievement endpoints: ACH-11..ACH-15 (A1, A2, A13). */
public final class AchievementRoutes {
  private final AchievementService service;
  private final AchievementStats stats;
  private final UserRepository users;
  private final Scopes scopes;

  public AchievementRoutes(
      AchievementService service, AchievementStats stats, UserRepository users, Scopes scopes) {
    this.service = service;
    this.stats = stats;
    this.users = users;
    this.scopes = scopes;
  }

  public void register(Javalin app) {
    app.get(HttpApi.APP + "/achievements", this::all);
    app.post(HttpApi.APP + "/achievements/{key}/complete", this::complete);
    app.get(HttpApi.APP + "/users/{id}/achievements", this::forUser);
  }

  /** ACH-14: active achievements with statistics, optionally for given user attributes. */
  private void all(Context ctx) {
    Scope scope = Requests.scope(ctx);
    ScopeConfig config = scopes.config(scope);
    Map<String, String> attributes = AttributeQuery.userAttributes(ctx, "userAttributes", config);
    AchievementStats.Snapshot snapshot = stats.get(scope);
    List<Object> out = new ArrayList<>();
    for (Achievement a : config.achievements().all()) {
      if (a.isActive() && (attributes == null || AttributeFilter.allMatch(a.userFilters(), attributes))) {
        out.add(AchievementJson.withStats(AchievementJson.application(a, config), a, snapshot));
      }
    }
    Wire.send(ctx, out);
  }

  /** ACH-11, ACH-12: 201 with the completion, also for a repeat. */
  private void complete(Context ctx) {
    JsonNode body = Body.object(Body.json(ctx, Body.LIMIT), "Request body");
    JsonNode user = body.get("user");
    if (user == null || !user.isObject()) {
      throw Rejection.malformed("user must be an object with a string id");
    }
    String userId = UserJson.id(user, "id");
    var patch = UserJson.patch(user);
    Requests.checkSubject(ctx, userId);
    AchievementService.Completed done = service.complete(Requests.scope(ctx), ctx.pathParam("key"), userId, patch);
    Completion completion = done.result().completion();
    ctx.status(201);
    Wire.send(
        ctx,
        Wire.obj()
            .with("completionId", completion.id())
            .with("achievement", AchievementJson.user(done.result().achievement(), done.config(), completion.achievedAt()))
            .with("points", PointsJson.eventPoints(done.points())));
  }

  /** ACH-15: completions by {@code achievedAt}, then (on request) what is still open. */
  private void forUser(Context ctx) {
    String id = ctx.pathParam("id");
    Requests.checkSubject(ctx, id);
    Scope scope = Requests.scope(ctx);
    UserState state = users.load(scope, id);
    if (state == null) {
      throw Rejection.notFound("User not found");
    }
    ScopeConfig config = scopes.config(scope);
    AchievementCatalog catalog = config.achievements();
    AchievementStats.Snapshot snapshot = stats.get(scope);
    List<Achievement> completed = new ArrayList<>();
    for (Achievement a : catalog.all()) {
      if (state.achievements().hasCompleted(a.id())) {
        completed.add(a);
      }
    }
    completed.sort(
        Comparator.comparing((Achievement a) -> state.achievements().completion(a.id()).achievedAt())
            .thenComparing(catalog::position));
    List<Object> out = new ArrayList<>();
    for (Achievement a : completed) {
      Wire.Obj o = AchievementJson.user(a, config, state.achievements().completion(a.id()).achievedAt());
      out.add(AchievementJson.withStats(o, a, snapshot));
    }
    if ("true".equalsIgnoreCase(ctx.queryParam("includeIncomplete"))) {
      for (Achievement a : catalog.all()) {
        if (a.isActive()
            && !state.achievements().hasCompleted(a.id())
            && AttributeFilter.allMatch(a.userFilters(), state.profile().attributes())) {
          out.add(AchievementJson.withStats(AchievementJson.user(a, config, null), a, snapshot));
        }
      }
    }
    Wire.send(ctx, out);
  }
}
