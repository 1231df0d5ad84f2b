package dev.laurel.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.server.events.BatchWorker;
import dev.laurel.server.events.EventRoutes;
import dev.laurel.server.http.ApiError;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.HttpApi;
import dev.laurel.server.http.Requests;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.BatchRepository;
import dev.laurel.store.Database;
import dev.laurel.store.UserRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /admin/v1/metrics/events} (BATCH-1..BATCH-3): validate all, queue all, 202. */
public final class BatchAdmin {
  /** BATCH-1: at most this many items per request. */
  public static final int MAX_ITEMS = 1000;

  private final Database db;
  private final BatchRepository batches;
  private final UserRepository users;
  private final Scopes scopes;
  private final BatchWorker worker;
  private final InstantSource clock;
  private final EventPipeline pipeline = new EventPipeline();

  public BatchAdmin(
      Database db,
      BatchRepository batches,
      UserRepository users,
      Scopes scopes,
      BatchWorker worker,
      InstantSource clock) {
    this.db = db;
    this.batches = batches;
    this.users = users;
    this.scopes = scopes;
    this.worker = worker;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.post(HttpApi.ADMIN + "/metrics/events", this::accept);
  }

  private void accept(Context ctx) {
    Scope scope = Requests.scope(ctx);
    JsonNode body = Body.json(ctx, Body.BATCH_LIMIT);
    if (!body.isArray() || body.isEmpty() || body.size() > MAX_ITEMS) {
      throw Rejection.invalid("Request body must be a JSON array of between 1 and " + MAX_ITEMS + " events");
    }
    List<EventCommand> commands = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      commands.add(shape(body.get(i), i));
    }
    ScopeConfig config = scopes.config(scope);
    for (EventCommand command : commands) {
      if (config.metricByKey(command.metricKey()) == null) {
        throw new ApiError(404, "Metric not found: " + command.metricKey());
      }
    }
    for (int i = 0; i < commands.size(); i++) {
      EventCommand command = commands.get(i);
      UserProfile existing = users.profile(scope, command.userId());
      try {
        pipeline.validate(config, command, existing);
      } catch (Rejection r) {
        throw Rejection.invalid("Item " + i + ": " + r.getMessage());
      }
    }
    List<String> payloads = new ArrayList<>();
    body.forEach(item -> payloads.add(item.toString()));
    String batchId = UUID.randomUUID().toString();
    db.write(
        tx -> {
          batches.enqueue(tx, scope, batchId, payloads, clock.instant());
          return null;
        });
    worker.wake();
    ctx.status(202);
    Wire.send(ctx, Wire.obj().with("accepted", commands.size()));
  }

  /** BATCH-2 shape check of one item: failures are 400 {@code Item <index>: <reason>}. */
  private static EventCommand shape(JsonNode item, int index) {
    try {
      return command(item);
    } catch (Rejection r) {
      if (r.kind() == Rejection.Kind.MALFORMED) {
        throw Rejection.malformed("Item " + index + ": " + r.getMessage());
      }
      throw Rejection.invalid("Item " + index + ": " + r.getMessage());
    }
  }

  /** A stored or incoming batch item as an event command (BATCH-1, BATCH-5). */
  public static EventCommand command(JsonNode item) {
    Body.object(item, "item");
    String key = Body.requiredString(item, "key");
    String idempotencyKey = Body.optionalString(item, "idempotencyKey");
    if (idempotencyKey != null && idempotencyKey.isBlank()) {
      idempotencyKey = null;
    }
    return EventRoutes.command(item, key, idempotencyKey);
  }
}
