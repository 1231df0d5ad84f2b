package dev.laurel.server.leaderboard;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.leaderboard.Leaderboard;
import dev.laurel.engine.leaderboard.LeaderboardStatus;
import dev.laurel.engine.leaderboard.Run;
import dev.laurel.engine.user.UserState;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Query;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.RankingRepository;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The application API's leaderboard reads: {@code GET /leaderboards} (LB-21), {@code GET
 * /leaderboards/{key}} (LB-23..LB-30) and {@code GET /users/{id}/leaderboards/{key}} (LB-33,
 * LB-34). Inactive leaderboards are invisible (LB-20).
 */
public final class LeaderboardRoutes {
  private final Scopes scopes;
  private final UserRepository users;
  private final RankingRepository repository;
  private final LeaderboardReads reads;
  private final LeaderboardJson json;
  private final InstantSource clock;

  LeaderboardRoutes(
      Scopes scopes, UserRepository users, RankingRepository repository, LeaderboardReads reads,
      LeaderboardJson json, InstantSource clock) {
    this.scopes = scopes;
    this.users = users;
    this.repository = repository;
    this.reads = reads;
    this.json = json;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(HttpApi.APP + "/leaderboards", this::list);
    app.get(HttpApi.APP + "/leaderboards/{key}", this::get);
    app.get(HttpApi.APP + "/users/{id}/leaderboards/{key}", this::user);
  }

  private void list(Context ctx) {
    boolean includeFinished = bool(ctx, "includeFinished");
    Scope scope = Requests.scope(ctx);
    Instant now = clock.instant();
    List<Object> out = new ArrayList<>();
    for (Leaderboard lb : scopes.config(scope).leaderboards()) {
      LeaderboardStatus status = lb.status(now);
      if (status == LeaderboardStatus.ACTIVE
          || status == LeaderboardStatus.SCHEDULED
          || (status == LeaderboardStatus.FINISHED && includeFinished)) {
        out.add(json.response(scope, lb, now));
      }
    }
    Wire.send(ctx, out);
  }

  private void get(Context ctx) {
    Scope scope = Requests.scope(ctx);
    ScopeConfig config = scopes.config(scope);
    Instant now = clock.instant();
    Leaderboard lb = visible(config, ctx.pathParam("key"), now);
    int offset = Query.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Query.integer(ctx, "limit", 10, 0, Integer.MAX_VALUE);
    LocalDate date = optionalDate(ctx, "run");
    String group = LeaderboardQuery.group(lb, config, ctx.queryParam("userAttributes"));
    String userId = ctx.queryParam("userId");
    Run run = LeaderboardQuery.run(lb, date, now);
    List<LeaderboardReads.Ranked> page =
        reads.page(scope, lb, run, group, offset, limit, userId == null || userId.isEmpty() ? null : userId, now);
    Map<String, RankingRepository.UserInfo> names =
        repository.users(scope, page.stream().map(LeaderboardReads.Ranked::userId).toList());
    List<Object> rankings = new ArrayList<>();
    for (LeaderboardReads.Ranked r : page) {
      RankingRepository.UserInfo info = names.get(r.userId());
      rankings.add(
          Wire.obj()
              .with("userId", r.userId())
              .with("userName", info == null ? null : info.name())
              .with("rank", r.rank())
              .with("value", r.value()));
    }
    Wire.send(ctx, json.response(scope, lb, now).with("rankings", rankings));
  }

  private void user(Context ctx) {
    String id = ctx.pathParam("id");
    Requests.checkSubject(ctx, id);
    Scope scope = Requests.scope(ctx);
    Instant now = clock.instant();
    UserState user = users.load(scope, id);
    if (user == null) {
      throw Rejection.notFound("User not found");
    }
    Leaderboard lb = visible(scopes.config(scope), ctx.pathParam("key"), now);
    LocalDate date = optionalDate(ctx, "run");
    int numEvents = Query.integer(ctx, "numEvents", 10, 0, 100);
    Run run = LeaderboardQuery.run(lb, date, now);
    LeaderboardReads.Standing standing = reads.standing(scope, lb, run, user, now);
    Wire.send(
        ctx,
        json.response(scope, lb, now)
            .with("rank", standing.rank())
            .with("value", standing.value())
            .with("history", LeaderboardJson.history(reads.history(lb, run, user, standing, numEvents, now))));
  }

  /** LB-20, LB-25: leaderboards of the application API are the non-inactive ones. */
  private static Leaderboard visible(ScopeConfig config, String key, Instant now) {
    for (Leaderboard lb : config.leaderboards()) {
      if (lb.key().equals(key) && lb.status(now) != LeaderboardStatus.INACTIVE) {
        return lb;
      }
    }
    throw Rejection.notFound("Leaderboard not found");
  }

  private static LocalDate optionalDate(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    return raw == null || raw.isBlank() ? null : Query.date(ctx, name);
  }

  /** GEN-10: {@code true}/{@code false}, case-insensitive; absent is false. */
  private static boolean bool(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw Rejection.invalid(name + " must be true or false");
    };
  }
}
