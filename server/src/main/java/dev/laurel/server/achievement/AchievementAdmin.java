package dev.laurel.server.achievement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.achievement.Achievement;
import dev.laurel.engine.achievement.AchievementDefinitions;
import dev.laurel.engine.achievement.AchievementDraft;
import dev.laurel.server.admin.Bulk;
import dev.laurel.server.admin.InUse;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.AchievementRepository;
import dev.laurel.store.BackfillRepository;
import dev.laurel.store.Database;
import dev.laurel.store.StoreException;
import dev.laurel.store.Tx;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admin achievements (CFG-2, EXT): list, get, create, update, delete under the admin conventions
 * (ADM-2..ADM-9). Each item is validated and written on its own; activating an achievement or
 * editing the requirement of an active one queues its backdating run in the same transaction
 * (ACH-16). Writes are serialised so that validation (keys, cycles) sees every earlier write.
 */
public final class AchievementAdmin {
  private static final String BASE = HttpApi.ADMIN + "/achievements";
  private static final String KEY_TAKEN = "Key already in use by another achievement";

  private final Database db;
  private final AchievementRepository achievements;
  private final BackfillRepository backfills;
  private final BackfillSignal signal;
  private final Scopes scopes;
  private final InstantSource clock;
  private final List<InUse> guards = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** CFG-2: refuses to delete an achievement other configuration references (points triggers). */
  public void addGuard(InUse guard) {
    guards.add(guard);
  }

  public AchievementAdmin(
      Database db,
      AchievementRepository achievements,
      BackfillRepository backfills,
      BackfillSignal signal,
      Scopes scopes,
      InstantSource clock) {
    this.db = db;
    this.achievements = achievements;
    this.backfills = backfills;
    this.signal = signal;
    this.scopes = scopes;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(BASE, this::list);
    app.post(BASE, this::create);
    app.patch(BASE, this::update);
    app.delete(BASE, this::delete);
    app.get(BASE + "/{id}", this::get);
  }

  private void list(Context ctx) {
    Bulk.Page page = Bulk.page(ctx);
    List<Achievement> all = scopes.config(Requests.scope(ctx)).achievements().all();
    Wire.send(ctx, page.of(all).stream().map(AchievementJson::admin).toList());
  }

  private void get(Context ctx) {
    Achievement a = scopes.config(Requests.scope(ctx)).achievements().byId(ctx.pathParam("id"));
    if (a == null) {
      throw Rejection.notFound("Achievement not found");
    }
    Wire.send(ctx, AchievementJson.admin(a));
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.createEach(ctx, item -> AchievementJson.admin(create(scope, draft(item, true))));
  }

  private void update(Context ctx) {
    Scope scope = Requests.scope(ctx);
    Bulk.updateEach(ctx, (item, id) -> AchievementJson.admin(update(scope, id, draft(item, false))));
  }

  private void delete(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      try {
        if (!Bulk.isUuid(id)) {
          throw Rejection.invalid("id must be a valid UUID");
        }
        delete(scope, id);
        deleted.add(Wire.obj().with("id", id));
      } catch (Rejection r) {
        issues.add(Bulk.issueFor(id, r.getMessage()));
      }
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }

  /** An admin item: references by id (CFG-2). */
  private static AchievementDraft draft(JsonNode item, boolean creating) {
    AchievementInput.Common common = AchievementInput.common(item, creating);
    return common.draft(
        AchievementInput.string(item, "metricId"),
        AchievementInput.adminFilters(item, "eventAttributes"),
        AchievementInput.strings(item, "achievementIds"),
        AchievementInput.adminFilters(item, "userAttributes"));
  }

  /** Validates and creates one achievement; a refusal is that item's issue. */
  public synchronized Achievement create(Scope scope, AchievementDraft draft) {
    ScopeConfig config = scopes.config(scope);
    Achievement a = AchievementDefinitions.create(config, draft, uuid(), uuid());
    boolean backdate = AchievementDefinitions.needsBackdating(null, a);
    write(
        tx -> {
          Instant now = clock.instant();
          achievements.insert(tx, scope, a, now);
          if (backdate) {
            backfills.enqueue(tx, scope, a.id(), now);
          }
        });
    changed(scope, backdate);
    return a;
  }

  /** Validates and applies an edit; an unchanged achievement is not written. */
  public synchronized Achievement update(Scope scope, String id, AchievementDraft draft) {
    ScopeConfig config = scopes.config(scope);
    Achievement current = config.achievements().byId(id);
    if (current == null) {
      throw Rejection.invalid("Achievement not found by ID");
    }
    Achievement next = AchievementDefinitions.update(config, current, draft, uuid());
    if (next.equals(current)) {
      return current;
    }
    boolean backdate = AchievementDefinitions.needsBackdating(current, next);
    write(
        tx -> {
          Instant now = clock.instant();
          achievements.update(tx, scope, next, now);
          if (!next.filterRevision().equals(current.filterRevision())) {
            achievements.deleteFilteredTotals(tx, scope, current.filteredTotalKey());
          }
          if (backdate) {
            backfills.enqueue(tx, scope, next.id(), now);
          }
        });
    changed(scope, backdate);
    return next;
  }

  /** CFG-2 delete: refused for a prerequisite of another achievement. */
  public synchronized void delete(Scope scope, String id) {
    Achievement current = scopes.config(scope).achievements().byId(id);
    if (current == null) {
      throw Rejection.invalid("Achievement not found by ID");
    }
    String problem = AchievementDefinitions.deletionProblem(scopes.config(scope).achievements(), current);
    for (InUse guard : guards) {
      problem = problem != null ? problem : guard.usedBy(scopes.config(scope), id);
    }
    if (problem != null) {
      throw Rejection.invalid(problem);
    }
    write(
        tx -> {
          achievements.markDeleted(tx, scope, id);
          achievements.deleteFilteredTotals(tx, scope, current.filteredTotalKey());
        });
    changed(scope, false);
  }

  private void changed(Scope scope, boolean backdate) {
    scopes.invalidate(scope);
    if (backdate) {
      signal.signal();
    }
  }

  /** A write of one item. */
  @FunctionalInterface
  private interface Write {
    void run(Tx tx) throws SQLException;
  }

  /** Losing a race for the key becomes the item's issue, not a 5xx. */
  private void write(Write work) {
    try {
      db.write(
          tx -> {
            work.run(tx);
            return null;
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql)) {
        throw Rejection.invalid(KEY_TAKEN);
      }
      throw e;
    }
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }
}
