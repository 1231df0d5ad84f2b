package dev.laurel.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Scope;
import dev.laurel.engine.user.UserRules;
import dev.laurel.server.auth.ApiKeys;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.store.Database;
import dev.laurel.store.KeyRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** User-scoped application keys (AUTH-4, AUTH-8, AUTH-11, AUTH-12, TEN-11). */
public final class ApplicationKeyAdmin {
  private static final String BASE = HttpApi.ADMIN + "/application-api-keys";

  private final Database db;
  private final KeyRepository keys;
  private final ApiKeys apiKeys;
  private final InstantSource clock;

  public ApplicationKeyAdmin(Database db, KeyRepository keys, ApiKeys apiKeys, InstantSource clock) {
    this.db = db;
    this.keys = keys;
    this.apiKeys = apiKeys;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.post(BASE, this::create);
    app.delete(BASE, this::delete);
  }

  private void create(Context ctx) {
    Scope scope = Requests.scope(ctx);
    List<JsonNode> items = Bulk.items(ctx, Bulk.MAX_ITEMS);
    List<Object> created = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode userId = items.get(i).path("userId");
      if (!userId.isTextual()) {
        issues.add(Bulk.issueAt(i, "userId must be a string"));
        continue;
      }
      String id = userId.textValue();
      if (id.isEmpty() || id.length() > UserRules.MAX_ID_LENGTH) {
        issues.add(Bulk.issueAt(i, "userId must be between 1 and " + UserRules.MAX_ID_LENGTH + " characters"));
        continue;
      }
      ApiKeys.NewKey key = apiKeys.newApplicationKey();
      String keyId = UUID.randomUUID().toString();
      db.write(
          tx -> {
            keys.insertApplicationKey(
                tx, keyId, scope.environmentId(), scope.tenantId(), id, key.prefix(), key.hash(), clock.instant());
            return null;
          });
      created.add(
          Wire.obj().with("id", keyId).with("userId", id).with("key", key.full()).with("prefix", key.prefix()));
    }
    Bulk.created(ctx, created, issues);
  }

  private void delete(Context ctx) {
    String envId = Requests.caller(ctx).envId();
    List<Object> deleted = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (String id : Bulk.ids(ctx)) {
      if (!Bulk.isUuid(id)) {
        issues.add(Bulk.issueFor(id, "id must be a valid UUID"));
      } else if (db.write(tx -> keys.deleteApplicationKey(tx, envId, id))) {
        apiKeys.forget();
        deleted.add(Wire.obj().with("id", id));
      } else {
        issues.add(Bulk.issueFor(id, "Application API key not found by ID"));
      }
    }
    Wire.send(ctx, Wire.obj().with("deleted", deleted).with("issues", issues));
  }
}
