package dev.laurel.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.laurel.engine.Rejection;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading request bodies: size limit (GEN-12), JSON (GEN-2) and typed fields (ERR-3). */
public final class Body {
  /** GEN-12: request bodies are limited to 1 MiB. */
  public static final int LIMIT = 1 << 20;

  /** GEN-12: the admin batch-events endpoint accepts up to 8 MiB. */
  public static final int BATCH_LIMIT = 8 << 20;

  private Body() {}

  /** Reads and parses the body; too large → 413, not JSON → malformed (ERR-3). */
  public static JsonNode json(Context ctx, int limit) {
    byte[] bytes = read(ctx, limit);
    if (bytes.length == 0) {
      throw Rejection.malformed("Request body must be valid JSON");
    }
    try {
      return Wire.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw Rejection.malformed("Request body must be valid JSON");
    } catch (IOException e) {
      throw Rejection.malformed("Request body could not be read");
    }
  }

  private static byte[] read(Context ctx, int limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      // A declared length is read in one buffer of that size (issue 8: readNBytes(limit) grows
      // its buffers chunk by chunk); the server never reads past it, so one more byte means none.
      byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared : limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw Rejection.malformed("Request body could not be read");
    }
  }

  private static ApiError tooLarge(int limit) {
    return new ApiError(413, "Request body is larger than the limit of " + (limit >> 20) + " MiB");
  }

  /** The body as a JSON object, else malformed. */
  public static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw Rejection.malformed(what + " must be a JSON object");
    }
    return node;
  }

  /** The body as a JSON array, else malformed. */
  public static JsonNode array(JsonNode node, String what) {
    if (node == null || !node.isArray()) {
      throw Rejection.malformed(what + " must be a JSON array");
    }
    return node;
  }

  /** A field that must be present and a string. */
  public static String requiredString(JsonNode obj, String field) {
    String value = optionalString(obj, field);
    if (value == null) {
      throw Rejection.malformed(field + " is required");
    }
    return value;
  }

  /** A string field; null when absent or null (GEN-6). */
  public static String optionalString(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw Rejection.malformed(field + " must be a string");
    }
    return v.textValue();
  }

  /** A boolean field; null when absent or null. */
  public static Boolean optionalBoolean(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw Rejection.malformed(field + " must be a boolean");
    }
    return v.booleanValue();
  }

  /** An array of strings; null when absent or null. */
  public static List<String> optionalStringList(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw Rejection.malformed(field + " must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw Rejection.malformed(field + " must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /**
   * A map of strings; null when absent or null. Values may be null only when {@code nullValues}
   * (ATTR-7: a null user-attribute value removes it); other non-strings are malformed (ATTR-6).
   */
  public static Map<String, String> optionalStringMap(JsonNode obj, String field, boolean nullValues) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw Rejection.malformed(field + " must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull() && nullValues) {
        out.put(e.getKey(), null);
      } else if (value.getNodeType() == JsonNodeType.STRING) {
        out.put(e.getKey(), value.textValue());
      } else {
        throw Rejection.malformed(field + "." + e.getKey() + " must be a string");
      }
    }
    return out;
  }
}
