package dev.laurel.engine.points;

import java.util.List;
import java.util.Map;

/**
 * One configuration filter on an attribute (ATTR-11): the attribute's id (admin API), its key
 * (application API, resolved when the configuration snapshot is built) and the required value.
 */
public record AttributeFilter(String attributeId, String key, String value) {

  /**
   * ATTR-11: every filter must match (logical AND); an empty set matches everyone. A filter whose
   * attribute no longer exists ({@code key} null) matches no one.
   */
  public static boolean matchAll(List<AttributeFilter> filters, Map<String, String> values) {
    for (AttributeFilter f : filters) {
      if (f.key == null || !f.value.equals(values.get(f.key))) {
        return false;
      }
    }
    return true;
  }
}
