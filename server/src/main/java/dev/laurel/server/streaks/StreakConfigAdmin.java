package dev.laurel.server.streaks;

import dev.laurel.server.http.Wire;
import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.AutoEarn;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.StreakRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * CFG-3: {@code GET} and {@code PUT /admin/v1/streaks/config} (full replacement), and the same
 * replacement for the configuration file. A change applies to each user from the next settlement
 * on (STREAK-21, STREAK-22, FREEZE-8); every user of the scope is made due for the sweep so that
 * happens promptly. Auto-earn's anchor is the instant it was last switched on (FREEZE-4).
 */
public final class StreakConfigAdmin {
  private static final String PATH = HttpApi.ADMIN + "/streaks/config";

  private final Database db;
  private final StreakRepository streaks;
  private final Scopes scopes;
  private final InstantSource clock;

  public StreakConfigAdmin(
      Database db, StreakRepository streaks, Scopes scopes, InstantSource clock) {
    this.db = db;
    this.streaks = streaks;
    this.scopes = scopes;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(PATH, this::get);
    app.put(PATH, this::put);
  }

  private void get(Context ctx) {
    Wire.send(ctx, StreakConfigJson.write(scopes.config(Requests.scope(ctx)).streak()));
  }

  private void put(Context ctx) {
    Scope scope = Requests.scope(ctx);
    JsonNode body = Body.object(Body.json(ctx, Body.LIMIT), "Request body");
    StreakConfigJson.Parsed parsed =
        StreakConfigJson.read(body, StreakConfigJson.MetricRef.ID, false);
    firstProblem(parsed.problems());
    ScopeConfig snapshot = scopes.config(scope);
    StreakConfigJson.Parsed resolved =
        StreakConfigJson.resolve(
            parsed.config(),
            StreakConfigJson.MetricRef.ID,
            id -> snapshot.metricById(id) == null ? null : id);
    firstProblem(resolved.problems());
    replace(scope, resolved.config());
    Wire.send(ctx, StreakConfigJson.write(scopes.config(scope).streak()));
  }

  private static void firstProblem(List<StreakConfigJson.Problem> problems) {
    if (!problems.isEmpty()) {
      throw Rejection.invalid(problems.get(0).text());
    }
  }

  /**
   * Replaces the scope's streak configuration (metrics by id, already validated); returns whether
   * it changed. The auto-earn anchor of {@code requested} is ignored: it is kept while auto-earn
   * stays on and set to now when it goes from off to on (FREEZE-4).
   */
  public boolean replace(Scope scope, StreakConfig requested) {
    Instant now = clock.instant();
    StreakConfig current = scopes.config(scope).streak();
    StreakConfig next = anchored(current, requested, now);
    if (next.equals(current)) {
      return false;
    }
    db.write(
        tx -> {
          streaks.saveConfig(tx, scope, next, now);
          streaks.markAllDue(tx, scope, now);
          return null;
        });
    scopes.invalidate(scope);
    return true;
  }

  private static StreakConfig anchored(StreakConfig current, StreakConfig requested, Instant now) {
    FreezeConfig freezes = requested.freezes();
    AutoEarn autoEarn = freezes.autoEarn();
    if (autoEarn != null) {
      Instant enabledAt = null;
      if (freezes.earnsAutomatically()) {
        enabledAt =
            current.freezes().earnsAutomatically()
                ? current.freezes().autoEarn().enabledAt()
                : now;
      }
      autoEarn = new AutoEarn(autoEarn.intervalDays(), autoEarn.amount(), enabledAt);
    }
    return new StreakConfig(
        requested.enabled(),
        requested.frequency(),
        requested.evaluationMode(),
        requested.metrics(),
        requested.personalization(),
        new FreezeConfig(
            freezes.enabled(), freezes.maxFreezes(), freezes.initialFreezes(), autoEarn));
  }
}
