package dev.laurel.server.http;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.user.UserRules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ATTR-10: a {@code userAttributes=key:value,key:value} query filter. */
public final class UserAttributeQuery {
  private UserAttributeQuery() {}

  /** The filter (key → value, in query order); empty when the parameter is absent or blank. */
  public static Map<String, String> parse(Context ctx, String name, ScopeConfig config) {
    String raw = ctx.queryParam(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    List<String> unknown = new ArrayList<>();
    for (String pair : raw.split(",")) {
      int colon = pair.indexOf(':');
      String key = colon < 0 ? "" : pair.substring(0, colon).trim();
      if (key.isEmpty()) {
        throw Rejection.invalid(name + " must be a list of key:value pairs separated by commas");
      }
      if (!config.isUserAttribute(key)) {
        unknown.add(key);
      }
      out.put(key, pair.substring(colon + 1).trim());
    }
    if (!unknown.isEmpty()) {
      throw UserRules.invalidAttributeKeys(unknown);
    }
    return out;
  }

  /** Whether {@code attributes} has every pair of the filter, exactly (case-sensitive). */
  public static boolean matches(Map<String, String> filter, Map<String, String> attributes) {
    for (Map.Entry<String, String> e : filter.entrySet()) {
      if (!e.getValue().equals(attributes.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
