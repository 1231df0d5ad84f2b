package dev.laurel.engine.achievement;

import java.util.List;
import java.util.Map;

/**
 * One attribute filter of a configuration object (ATTR-11): the attribute is referenced by id (the
 * admin form) and its key is resolved from the scope's attribute definitions (the application
 * form); {@code key} is null when the attribute no longer exists, and such a filter never matches.
 */
public record AttributeFilter(String attributeId, String key, String value) {

  /** ATTR-11: every filter matches (logical AND); an empty set matches everyone. */
  public static boolean allMatch(List<AttributeFilter> filters, Map<String, String> attributes) {
    for (AttributeFilter f : filters) {
      if (f.key == null || !f.value.equals(attributes.get(f.key))) {
        return false;
      }
    }
    return true;
  }
}
