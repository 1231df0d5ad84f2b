package dev.laurel.server.streaks;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.StreakView;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Query;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The application API's streak reads: {@code GET /users/{id}/streak} (STREAK-15..17), {@code GET
 * /streaks} (STREAK-18) and the legacy {@code GET /streaks/rankings} (SDK-9). Every read settles
 * the stored state in memory up to now, so a lapsed streak reads as lost without waiting for the
 * sweep (STREAK-9).
 */
public final class StreakRoutes {
  private static final int MAX_USERS = 100;

  private final UserRepository users;
  private final StreakRepository streaks;
  private final Scopes scopes;
  private final InstantSource clock;

  public StreakRoutes(
      UserRepository users, StreakRepository streaks, Scopes scopes, InstantSource clock) {
    this.users = users;
    this.streaks = streaks;
    this.scopes = scopes;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(HttpApi.APP + "/users/{id}/streak", this::userStreak);
    app.get(HttpApi.APP + "/streaks", this::list);
    app.get(HttpApi.APP + "/streaks/rankings", this::rankings);
  }

  /** STREAK-15: 404 for unknown users before the 422 of {@code historyPeriods} (ERR-9). */
  private void userStreak(Context ctx) {
    String id = ctx.pathParam("id");
    Requests.checkSubject(ctx, id);
    Scope scope = Requests.scope(ctx);
    UserState user = users.load(scope, id);
    if (user == null) {
      throw Rejection.notFound("User not found");
    }
    int history = Query.integer(ctx, "historyPeriods", 7, 1, 365);
    Wire.send(ctx, StreakWire.full(UserStreaks.view(scopes.config(scope), user, clock.instant(), history)));
  }

  /** STREAK-18, AUTH-7: every listed user is a subject of the request. */
  private void list(Context ctx) {
    Set<String> ids = new LinkedHashSet<>(Query.list(ctx, "userIds"));
    for (String id : ids) {
      Requests.checkSubject(ctx, id);
    }
    if (ids.isEmpty() || ids.size() > MAX_USERS) {
      throw Rejection.invalid("userIds must list between 1 and " + MAX_USERS + " user ids");
    }
    Scope scope = Requests.scope(ctx);
    ScopeConfig config = scopes.config(scope);
    Instant now = clock.instant();
    record Entry(String userId, int length, Instant extended) {}
    List<Entry> entries = new ArrayList<>();
    for (String id : ids) {
      UserState user = users.load(scope, id);
      if (user != null) {
        StreakView view = UserStreaks.view(config, user, now, 1);
        entries.add(new Entry(id, view.length(), view.extended()));
      }
    }
    entries.sort(
        Comparator.comparingInt(Entry::length).reversed().thenComparing(Entry::userId));
    Wire.send(
        ctx,
        entries.stream()
            .map(
                e ->
                    Wire.obj()
                        .with("userId", e.userId())
                        .with("streakLength", e.length())
                        .with("extended", Wire.timestamp(e.extended())))
            .toList());
  }

  /** SDK-9: the top users by current (default) or longest streak, 0 excluded. */
  private void rankings(Context ctx) {
    String type =
        ctx.queryParam("type") == null
            ? "active"
            : Query.oneOf(ctx, "type", List.of("active", "longest"));
    int limit = Query.integer(ctx, "limit", 10, 1, MAX_USERS);
    Scope scope = Requests.scope(ctx);
    List<StreakRanking.Entry> top =
        type.equals("longest")
            ? StreakRanking.longest(streaks, scope, limit)
            : new StreakRanking(users, streaks, scopes.config(scope), clock.instant())
                .active(scope, limit);
    Wire.send(
        ctx,
        top.stream()
            .map(
                e ->
                    Wire.obj()
                        .with("userId", e.userId())
                        .with("name", e.name())
                        .with("streakLength", e.length()))
            .toList());
  }
}
