package dev.laurel.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.Query;
import dev.laurel.server.http.Wire;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The admin API's bulk conventions: ADM-2 (arrays), ADM-3 (lists), ADM-5 (issues), ADM-6. */
public final class Bulk {
  public static final int MAX_ITEMS = 100;
  public static final Pattern KEY = Pattern.compile("^[a-zA-Z\\d\\-_]+$");
  public static final int MAX_KEY_LENGTH = 100;
  public static final int MAX_NAME_LENGTH = 255;

  private Bulk() {}

  /** ADM-2: a JSON array of 1..max items, else 422 (the body as a whole is refused). */
  public static List<JsonNode> items(Context ctx, int max) {
    JsonNode body = Body.json(ctx, Body.LIMIT);
    if (!body.isArray()) {
      throw Rejection.invalid("Request body must be a JSON array");
    }
    if (body.isEmpty() || body.size() > max) {
      throw Rejection.invalid("Request body must have between 1 and " + max + " items");
    }
    List<JsonNode> out = new ArrayList<>();
    body.forEach(out::add);
    return out;
  }

  /** ADM-6: the {@code ids} parameter with 1..100 values, else 422. */
  public static List<String> ids(Context ctx) {
    List<String> ids = Query.list(ctx, "ids");
    if (ids.isEmpty() || ids.size() > MAX_ITEMS) {
      throw Rejection.invalid("ids must list between 1 and " + MAX_ITEMS + " ids");
    }
    return ids;
  }

  /** ADM-3: limit (1..100, default 10) and skip (≥ 0, default 0). */
  public record Page(int limit, int skip) {
    public <T> List<T> of(List<T> all) {
      if (skip >= all.size()) {
        return List.of();
      }
      return all.subList(skip, Math.min(all.size(), skip + limit));
    }
  }

  public static Page page(Context ctx) {
    return new Page(
        Query.integer(ctx, "limit", 10, 1, 100), Query.integer(ctx, "skip", 0, 0, Integer.MAX_VALUE));
  }

  public static boolean isUuid(String id) {
    try {
      return UUID.fromString(id).toString().equals(id.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** ADM-5 issue identified by the item's index (create endpoints). */
  public static Wire.Obj issueAt(int index, String message) {
    return Wire.obj().with("index", index).with("severity", "error").with("message", message);
  }

  /**
   * ADM-5 issue identified by an id (update and delete endpoints). An item without an id gets an
   * issue without one: {@code AdminIssue.id} is a string, never null (GEN-4).
   */
  public static Wire.Obj issueFor(String id, String message) {
    return Wire.obj().withOptional("id", id).with("severity", "error").with("message", message);
  }

  /** A name field: a string of 1..255 characters, else the issue message. */
  public static String nameProblem(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || !v.isTextual()) {
      return field + " must be a string";
    }
    if (v.textValue().isEmpty() || v.textValue().length() > MAX_NAME_LENGTH) {
      return field + " must be between 1 and " + MAX_NAME_LENGTH + " characters";
    }
    return null;
  }

  /** A key field: matches {@link #KEY} and is at most 100 characters, else the issue message. */
  public static String keyProblem(JsonNode item) {
    JsonNode v = item.get("key");
    if (v == null || !v.isTextual() || !KEY.matcher(v.textValue()).matches()) {
      return "key must match ^[a-zA-Z\\d-_]+$";
    }
    if (v.textValue().length() > MAX_KEY_LENGTH) {
      return "key must be at most " + MAX_KEY_LENGTH + " characters";
    }
    return null;
  }

  /** Creates one item of a bulk request, or refuses it with a {@link Rejection}. */
  @FunctionalInterface
  public interface ItemCreate {
    Object create(JsonNode item);
  }

  /** Updates the object with this id from one item, or refuses it with a {@link Rejection}. */
  @FunctionalInterface
  public interface ItemUpdate {
    Object update(JsonNode item, String id);
  }

  /**
   * A create endpoint (ADM-2, ADM-4, ADM-5): each item is created on its own, in order; a refused
   * item becomes an issue with its index; 201 if anything was created, else 200.
   */
  public static void createEach(Context ctx, ItemCreate create) {
    List<JsonNode> items = items(ctx, MAX_ITEMS);
    List<Object> created = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        created.add(create.create(items.get(i)));
      } catch (Rejection r) {
        issues.add(issueAt(i, r.getMessage()));
      }
    }
    created(ctx, created, issues);
  }

  /**
   * An update endpoint (ADM-4, ADM-5, ADM-9): each item names its object by {@code id} and is
   * applied on its own, in order; a refused item becomes an issue with its id; always 200.
   */
  public static void updateEach(Context ctx, ItemUpdate update) {
    List<Object> updated = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    for (JsonNode item : items(ctx, MAX_ITEMS)) {
      String id = item.path("id").isTextual() ? item.get("id").textValue() : null;
      try {
        if (id == null) {
          throw Rejection.invalid("id is required");
        }
        updated.add(update.update(item, id));
      } catch (Rejection r) {
        issues.add(issueFor(id, r.getMessage()));
      }
    }
    Wire.send(ctx, Wire.obj().with("updated", updated).with("issues", issues));
  }

  /** Response of a create endpoint: 201 when something was created, else 200 (ADM-5). */
  public static void created(Context ctx, List<?> created, List<?> issues) {
    ctx.status(created.isEmpty() ? 200 : 201);
    Wire.send(ctx, Wire.obj().with("created", created).with("issues", issues));
  }
}
