package dev.laurel.server.streaks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.FreezeGrant;
import dev.laurel.engine.streak.StreakPause;
import dev.laurel.engine.streak.StreakResult;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.StreakRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin streak commands: freeze grants (FREEZE-6), pauses (PAUSE-1, PAUSE-6) and restores
 * (RESTORE-1..6). Items are applied one by one (ADM-4) and identified by {@code userId} in issues
 * (ADM-5); freeze and restore issues carry the SDK's fields too (SDK-6).
 */
public final class StreakAdmin {
  private static final String BASE = HttpApi.ADMIN + "/streaks";
  private static final String USER_MISSING = "User does not exist";

  private final StreakCommands commands;
  private final StreakRepository streaks;
  private final Scopes scopes;

  public StreakAdmin(StreakCommands commands, StreakRepository streaks, Scopes scopes) {
    this.commands = commands;
    this.streaks = streaks;
    this.scopes = scopes;
  }

  public void register(Javalin app) {
    app.post(BASE + "/freezes", this::freezes);
    app.post(BASE + "/pauses", this::createPauses);
    app.delete(BASE + "/pauses", this::deletePauses);
    app.post(BASE + "/restore", this::restore);
  }

  /** FREEZE-6: one freeze per item; one grant (and one webhook) per user. */
  private void freezes(Context ctx) {
    List<String> userIds = userIds(ctx, "freezes", "userId");
    Scope scope = Requests.scope(ctx);
    if (!scopes.config(scope).streak().freezes().enabled()) {
      throw Rejection.invalid("Streak freezes are not enabled");
    }
    Map<String, Integer> requested = new LinkedHashMap<>();
    userIds.forEach(id -> requested.merge(id, 1, Integer::sum));
    Map<String, Optional<FreezeGrant>> grants = new LinkedHashMap<>();
    requested.forEach((id, n) -> grants.put(id, commands.grantFreezes(scope, id, n)));
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<Object> issues = new ArrayList<>();
    boolean granted = false;
    for (String id : userIds) {
      Optional<FreezeGrant> grant = grants.get(id);
      int occurrence = seen.merge(id, 1, Integer::sum);
      if (grant.isEmpty()) {
        issues.add(StreakWire.issue(id, "error", USER_MISSING));
      } else if (occurrence > grant.get().granted()) {
        issues.add(StreakWire.issue(id, "warning", StreakResult.FREEZE_LIMIT));
      } else {
        granted = true;
      }
    }
    ctx.status(granted ? 201 : 200);
    Wire.send(ctx, Wire.obj().with("issues", issues));
  }

  /** PAUSE-1, in the rule's order: user, dates, start in the past, end before start. */
  private void createPauses(Context ctx) {
    Scope scope = Requests.scope(ctx);
    JsonNode items = wrapped(ctx, "pauses");
    List<Object> created = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String userId = userId(item, "pauses", i, "userId");
      LocalDate start = date(item, "start");
      LocalDate end = date(item, "end");
      if (!commands.exists(scope, userId)) {
        issues.add(issue(userId, "error", USER_MISSING));
        continue;
      }
      if (start == null || end == null) {
        String field = start == null ? "start" : "end";
        issues.add(issue(userId, "error", field + " must be a date in YYYY-MM-DD format"));
        continue;
      }
      StreakPause pause = new StreakPause(UUID.randomUUID().toString(), start, end, null);
      Optional<StreakResult> result = commands.addPause(scope, userId, pause);
      if (result.isEmpty()) {
        issues.add(issue(userId, "error", USER_MISSING));
      } else if (result.get() instanceof StreakResult.Refused refused) {
        issues.add(issue(userId, severity(refused), refused.message()));
      } else {
        created.add(
            Wire.obj()
                .with("id", pause.id())
                .with("userId", userId)
                .with("start", Wire.date(start))
                .with("end", Wire.date(end))
                .with("status", "active"));
      }
    }
    Bulk.created(ctx, created, issues);
  }

  /** PAUSE-6: archived pauses stop applying from now on; records are kept. */
  private void deletePauses(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      if (!Bulk.isUuid(id)) {
        issues.add(Bulk.issueFor(id, "id must be a valid UUID"));
        continue;
      }
      String pauseId = id.toLowerCase(Locale.ROOT);
      String owner = streaks.activePauseOwner(scope, pauseId);
      Optional<StreakResult> result =
          owner == null ? Optional.empty() : commands.archivePause(scope, owner, pauseId);
      if (result.isPresent() && result.get() instanceof StreakResult.Applied) {
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(Bulk.issueFor(id, StreakResult.PAUSE_NOT_FOUND));
      }
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  /** RESTORE-1..6. */
  private void restore(Context ctx) {
    List<String> userIds = userIds(ctx, "users", "id");
    Scope scope = Requests.scope(ctx);
    ScopeConfig config = scopes.config(scope);
    if (!config.streak().enabled()) {
      throw Rejection.invalid("Streaks are not enabled");
    }
    List<String> restored = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : userIds) {
      Optional<StreakResult> result = commands.restore(scope, id);
      if (result.isEmpty()) {
        issues.add(StreakWire.issue(id, "error", USER_MISSING));
      } else if (result.get() instanceof StreakResult.Refused refused) {
        issues.add(StreakWire.issue(id, severity(refused), refused.message()));
      } else {
        restored.add(id);
      }
    }
    ctx.status(restored.isEmpty() ? 200 : 201);
    Wire.send(ctx, Wire.obj().with("restoredUsers", restored).with("issues", issues));
  }

  /**
   * The body {@code {<field>: [{<idField>: "..."}, ...]}} with 1..100 items: its user ids in order
   * (ADM-2; 400 on these two endpoints, ERR-3).
   */
  private static List<String> userIds(Context ctx, String field, String idField) {
    JsonNode items = wrapped(ctx, field);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(userId(items.get(i), field, i, idField));
    }
    return ids;
  }

  /** ADM-2 for the streak endpoints: an object wrapping an array of 1..100 items. */
  private static JsonNode wrapped(Context ctx, String field) {
    JsonNode body = Body.object(Body.json(ctx, Body.LIMIT), "Request body");
    JsonNode items = body.get(field);
    if (items == null || !items.isArray() || items.isEmpty() || items.size() > Bulk.MAX_ITEMS) {
      throw Rejection.malformed(
          field + " must be an array of between 1 and " + Bulk.MAX_ITEMS + " items");
    }
    return items;
  }

  private static String userId(JsonNode item, String field, int index, String idField) {
    JsonNode id = item.get(idField);
    if (!item.isObject() || id == null || !id.isTextual()) {
      throw Rejection.malformed(field + "[" + index + "]." + idField + " must be a string");
    }
    return id.textValue();
  }

  private static LocalDate date(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || !v.isTextual()) {
      return null;
    }
    try {
      return LocalDate.parse(v.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String severity(StreakResult.Refused refused) {
    return refused.severity().name().toLowerCase(Locale.ROOT);
  }

  /** ADM-5's issue of a streak endpoint, identified by {@code userId}. */
  private static Wire.Obj issue(String userId, String severity, String message) {
    return Wire.obj().with("userId", userId).with("severity", severity).with("message", message);
  }
}
