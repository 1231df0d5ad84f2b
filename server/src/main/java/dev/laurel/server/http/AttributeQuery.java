package dev.laurel.server.http;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.user.UserRules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ATTR-10: the {@code userAttributes=key:value,key:value} query filter. */
public final class AttributeQuery {
  private AttributeQuery() {}

  /**
   * The filter as a map of user-attribute key to value, or null when the parameter is absent or
   * blank. Each pair splits on its first {@code :}; keys and values are trimmed.
   */
  public static Map<String, String> userAttributes(Context ctx, String name, ScopeConfig config) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String pair : raw.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw Rejection.invalid(name + " must be key:value pairs separated by commas, got \"" + pair.trim() + "\"");
      }
      String key = pair.substring(0, colon).trim();
      if (key.isEmpty()) {
        throw Rejection.invalid(name + " has a pair with an empty key: \"" + pair.trim() + "\"");
      }
      if (!config.isUserAttribute(key) && !unknown.contains(key)) {
        unknown.add(key);
      }
      out.put(key, pair.substring(colon + 1).trim());
    }
    if (!unknown.isEmpty()) {
      throw UserRules.invalidAttributeKeys(unknown);
    }
    return out;
  }
}
