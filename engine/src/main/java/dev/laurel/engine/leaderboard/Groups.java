package dev.laurel.engine.leaderboard;

import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LB-13: the breakdown group of a user in a leaderboard, as a compact key. A leaderboard without
 * breakdown has one group, {@link #NONE} ({@code ""}); with breakdown attributes a1…an the key
 * encodes the user's values v1…vn, each as {@code <length>:<value>} (unambiguous whatever the
 * values hold). A user lacking a value for any breakdown attribute has no group (null).
 */
public final class Groups {
  /** The one group of a leaderboard without breakdown attributes. */
  public static final String NONE = "";

  private Groups() {}

  /** The user's group key, or null when the user lacks a breakdown value. */
  public static String of(Leaderboard lb, ScopeConfig config, Map<String, String> userAttributes) {
    if (!lb.hasBreakdown()) {
      return NONE;
    }
    List<String> values = new ArrayList<>();
    for (String attributeId : lb.breakdownAttributes()) {
      String key = keyOf(config, attributeId);
      String value = key == null ? null : userAttributes.get(key);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    return encode(values);
  }

  /** The key of a group given its values in breakdown order. */
  public static String encode(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (String v : values) {
      out.append(v.length()).append(':').append(v);
    }
    return out.toString();
  }

  /** The values of a group key, in breakdown order. */
  public static List<String> decode(String group) {
    List<String> values = new ArrayList<>();
    int i = 0;
    while (i < group.length()) {
      int colon = group.indexOf(':', i);
      int length = Integer.parseInt(group, i, colon, 10);
      values.add(group.substring(colon + 1, colon + 1 + length));
      i = colon + 1 + length;
    }
    return values;
  }

  /** The key of a user attribute given its id, or null when no such attribute is defined. */
  public static String keyOf(ScopeConfig config, String attributeId) {
    for (AttributeDef a : config.attributes()) {
      if (a.id().equals(attributeId)) {
        return a.key();
      }
    }
    return null;
  }
}
