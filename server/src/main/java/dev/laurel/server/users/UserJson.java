package dev.laurel.server.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.PreferencesPatch;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.server.http.Body;
import dev.laurel.server.http.Wire;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of users and preferences: request shapes (ERR-3) and responses (USER-13, PREF-1). */
public final class UserJson {
  private UserJson() {}

  /** Reads UpdatedUser fields (USER-5); {@code subscribedToEmails} is an alias (USER-9). */
  public static UserPatch patch(JsonNode obj) {
    Boolean subscribe = Body.optionalBoolean(obj, "subscribeToEmails");
    if (subscribe == null) {
      subscribe = Body.optionalBoolean(obj, "subscribedToEmails");
    }
    return new UserPatch(
        Body.optionalString(obj, "email"),
        Body.optionalString(obj, "name"),
        Body.optionalString(obj, "tz"),
        Body.optionalStringList(obj, "deviceTokens"),
        subscribe,
        Body.optionalStringMap(obj, "attributes", true));
  }

  /** The required {@code id} of an UpsertedUser, as a string. */
  public static String id(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw Rejection.malformed(field + " is required");
    }
    if (!v.isTextual()) {
      throw Rejection.malformed(field + " must be a string");
    }
    return v.textValue();
  }

  /** USER-13. */
  public static Wire.Obj user(UserProfile p) {
    return Wire.obj()
        .with("id", p.id())
        .with("email", p.email())
        .with("name", p.name())
        .with("tz", p.tz())
        .with("deviceTokens", p.deviceTokens())
        .with("subscribeToEmails", p.subscribeToEmails())
        .with("attributes", p.attributes())
        .with("control", p.control())
        .with("created", Wire.timestamp(p.created()))
        .with("updated", Wire.timestamp(p.updated()));
  }

  /** PREF-1..PREF-3. */
  public static Wire.Obj preferences(Preferences prefs) {
    Map<String, Object> notifications = new LinkedHashMap<>();
    for (String type : Preferences.NOTIFICATION_TYPES) {
      List<String> channels = prefs.notifications().get(type);
      if (channels != null) {
        notifications.put(type, channels);
      }
    }
    Wire.Obj out = Wire.obj().with("notifications", notifications);
    if (prefs.hasStreakPreferences()) {
      Wire.Obj streak = Wire.obj().withOptional("enabled", prefs.streakEnabled());
      streak.withOptional("evaluationMode", prefs.streakEvaluationMode());
      if (prefs.streakMetrics() != null) {
        List<Object> metrics = new ArrayList<>();
        for (Preferences.StreakMetricPreference m : prefs.streakMetrics()) {
          metrics.add(Wire.obj().with("key", m.key()).with("threshold", Wire.number(m.threshold())));
        }
        streak.with("metrics", metrics);
      }
      out.with("streak", streak);
    }
    return out;
  }

  /** PREF-4 request body. Unknown types and channels are validation errors (422). */
  public static PreferencesPatch preferencesPatch(JsonNode body) {
    Map<String, List<String>> notifications = null;
    JsonNode n = body.get("notifications");
    if (n != null && !n.isNull()) {
      if (!n.isObject()) {
        throw Rejection.malformed("notifications must be an object");
      }
      notifications = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!Preferences.NOTIFICATION_TYPES.contains(e.getKey())) {
          throw Rejection.invalid(
              "Unknown notification type: " + e.getKey() + " (expected one of "
                  + String.join(", ", Preferences.NOTIFICATION_TYPES) + ")");
        }
        if (e.getValue().isNull()) {
          continue;
        }
        List<String> channels = Body.optionalStringList(n, e.getKey());
        for (String channel : channels) {
          if (!Preferences.CHANNELS.contains(channel)) {
            throw Rejection.invalid("Unknown notification channel: " + channel + " (expected email or push)");
          }
        }
        notifications.put(e.getKey(), channels);
      }
    }
    Boolean enabled = null;
    String mode = null;
    List<Preferences.StreakMetricPreference> metrics = null;
    JsonNode s = body.get("streak");
    if (s != null && !s.isNull()) {
      if (!s.isObject()) {
        throw Rejection.malformed("streak must be an object");
      }
      enabled = Body.optionalBoolean(s, "enabled");
      mode = Body.optionalString(s, "evaluationMode");
      if (mode != null) {
        if (mode.equals("ALL")) {
          mode = "AND";
        }
        if (!mode.equals("AND") && !mode.equals("OR")) {
          throw Rejection.invalid("streak.evaluationMode must be one of AND, OR");
        }
      }
      metrics = streakMetrics(s.get("metrics"));
    }
    return new PreferencesPatch(notifications, enabled, mode, metrics);
  }

  private static List<Preferences.StreakMetricPreference> streakMetrics(JsonNode m) {
    if (m == null || m.isNull()) {
      return null;
    }
    if (!m.isArray()) {
      throw Rejection.malformed("streak.metrics must be an array");
    }
    List<Preferences.StreakMetricPreference> out = new ArrayList<>();
    for (JsonNode item : m) {
      if (!item.isObject()) {
        throw Rejection.malformed("streak.metrics items must be objects");
      }
      String key = Body.requiredString(item, "key");
      JsonNode t = item.get("threshold");
      if (t == null || !t.isNumber()) {
        throw Rejection.malformed("streak.metrics threshold must be a number");
      }
      BigDecimal threshold = t.decimalValue();
      if (threshold.signum() <= 0) {
        throw Rejection.invalid("streak.metrics threshold must be greater than 0");
      }
      out.add(new Preferences.StreakMetricPreference(key, threshold));
    }
    return out;
  }
}
