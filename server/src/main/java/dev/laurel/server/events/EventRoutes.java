package dev.laurel.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.StreakSummary;
import dev.laurel.server.achievement.AchievementJson;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.InFlightLimit;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.points.PointsJson;
import dev.laurel.server.leaderboard.LeaderboardJson;
import dev.laurel.server.users.UserJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/metrics/{key}/event} (EVENT-1..EVENT-5, IDEM-1..IDEM-7). At most {@value
 * #MAX_IN_FLIGHT} events are processed or awaiting their commit at a time ({@link InFlightLimit}).
 */
public final class EventRoutes {
  static final int MAX_IN_FLIGHT = 512;

  private final EventService events;
  private final LeaderboardJson leaderboards;
  private final InFlightLimit limit = new InFlightLimit(MAX_IN_FLIGHT);

  public EventRoutes(EventService events) {
    this(events, null);
  }

  /** {@code leaderboards} renders the response's {@code leaderboards} map (LB-31); null: none. */
  public EventRoutes(EventService events, LeaderboardJson leaderboards) {
    this.events = events;
    this.leaderboards = leaderboards;
  }

  public void register(Javalin app) {
    app.post(HttpApi.APP + "/metrics/{key}/event", limit.guard(this::event));
  }

  private void event(Context ctx) {
    JsonNode body = Body.object(Body.json(ctx, Body.LIMIT), "Request body");
    EventCommand command = command(body, ctx.pathParam("key"), idempotencyKey(ctx.header("Idempotency-Key")));
    Requests.checkSubject(ctx, command.userId());
    Scope scope = Requests.scope(ctx);
    EventService.Result result = events.record(scope, command);
    ctx.status(result.replayed() ? 202 : 201);
    Wire.Obj out = response(result.outcome(), command.idempotencyKey(), result.replayed(), events.config(scope));
    if (leaderboards != null && !result.replayed()) {
      out.with("leaderboards", leaderboards.eventEntries(scope, result.leaderboards()));
    }
    Wire.send(ctx, out);
  }

  /** IDEM-1: an empty or whitespace-only header is absent. */
  static String idempotencyKey(String header) {
    return header == null || header.isBlank() ? null : header;
  }

  /** EVENT-2 step 2 (shape) for a single event or a batch item. */
  public static EventCommand command(JsonNode body, String metricKey, String idempotencyKey) {
    JsonNode user = body.get("user");
    if (user == null || !user.isObject()) {
      throw Rejection.malformed("user must be an object with a string id");
    }
    String userId = UserJson.id(user, "id");
    JsonNode value = body.get("value");
    if (value == null || !value.isNumber()) {
      throw Rejection.malformed("value must be a number");
    }
    Map<String, String> attributes = Body.optionalStringMap(body, "attributes", false);
    return new EventCommand(
        metricKey, userId, UserJson.patch(user), value.decimalValue(), attributes, idempotencyKey);
  }

  /** EVENT-5 / IDEM-4 / IDEM-5. */
  public static Wire.Obj response(
      EventOutcome outcome, String idempotencyKey, boolean replayed, ScopeConfig config) {
    Wire.Obj out =
        Wire.obj()
            .with("eventId", outcome.event().id())
            .with("metricId", outcome.event().metricId())
            .with("total", Wire.number(outcome.total()))
            .with("achievements", AchievementJson.completed(outcome.achievements(), config))
            .with("currentStreak", streak(outcome.streak(), !replayed && outcome.streak().extended()))
            .with("points", replayed ? Map.of() : PointsJson.eventPoints(outcome.points()))
            .with("leaderboards", Map.of());
    if (idempotencyKey != null) {
      out.with("idempotencyKey", idempotencyKey).with("idempotentReplayed", replayed);
    }
    return out;
  }

  /** STREAK-16: {@code MetricEventStreakResponse}; freeze fields only when they apply. */
  static Wire.Obj streak(StreakSummary s, boolean extended) {
    return Wire.obj()
        .with("length", s.length())
        .with("frequency", s.frequency())
        .with("started", Wire.date(s.started()))
        .with("periodStart", Wire.date(s.periodStart()))
        .with("periodEnd", Wire.date(s.periodEnd()))
        .with("expires", Wire.date(s.expires()))
        .withOptional("freezes", s.freezes())
        .withOptional("maxFreezes", s.maxFreezes())
        .withOptional("freezeAutoEarnInterval", s.freezeAutoEarnInterval())
        .withOptional("freezeAutoEarnAmount", s.freezeAutoEarnAmount())
        .with("extended", extended);
  }
}
