package dev.laurel.server.achievement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.achievement.AchievementDraft;
import dev.laurel.engine.achievement.AchievementStatus;
import dev.laurel.engine.achievement.AchievementTrigger;
import dev.laurel.engine.achievement.AttributeFilter;
import dev.laurel.engine.user.UserRules;
import dev.laurel.server.admin.Bulk;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields an admin item or a configuration-file entry shares (CFG-2): key, name,
 * description, badge, trigger, status, threshold, streak length. A wrong JSON type is the item's
 * issue. Absent and null values are "not given" (GEN-6), except that a null description or badge
 * clears it.
 */
final class AchievementInput {
  private AchievementInput() {}

  /** The common fields of one item; references (metric, attributes, prerequisites) are added by the caller. */
  record Common(
      String key,
      String name,
      Optional<String> description,
      Optional<String> badgeUrl,
      AchievementTrigger trigger,
      AchievementStatus status,
      BigDecimal metricValue,
      Integer streakLength) {

    AchievementDraft draft(
        String metricId, List<AttributeFilter> eventFilters, List<String> prerequisites, List<AttributeFilter> userFilters) {
      return new AchievementDraft(
          key, name, description, badgeUrl, trigger, status, metricId, metricValue, eventFilters,
          streakLength, prerequisites, userFilters);
    }
  }

  /** {@code creating}: key and name are required and a null description is just absent. */
  static Common common(JsonNode item, boolean creating) {
    if (!item.isObject()) {
      throw Rejection.invalid("item must be an object");
    }
    if (creating || given(item, "name")) {
      problem(Bulk.nameProblem(item, "name"));
    }
    if (creating || given(item, "key")) {
      problem(Bulk.keyProblem(item));
    }
    return new Common(
        given(item, "key") ? item.get("key").textValue() : null,
        given(item, "name") ? item.get("name").textValue() : null,
        clearable(item, "description", creating, false),
        clearable(item, "badgeUrl", creating, true),
        trigger(item),
        status(item),
        metricValue(item),
        streakLength(item));
  }

  static boolean given(JsonNode item, String field) {
    return item.has(field) && !item.get(field).isNull();
  }

  private static Optional<String> clearable(JsonNode item, String field, boolean creating, boolean url) {
    if (!item.has(field)) {
      return null;
    }
    JsonNode v = item.get(field);
    if (v.isNull()) {
      return creating ? null : Optional.empty();
    }
    if (!v.isTextual()) {
      throw Rejection.invalid(field + " must be a string");
    }
    if (url && !isAbsoluteUrl(v.textValue())) {
      throw Rejection.invalid("badgeUrl must be an absolute http or https URL");
    }
    return Optional.of(v.textValue());
  }

  /** CFG-14: badges are absolute URLs. */
  static boolean isAbsoluteUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static AchievementTrigger trigger(JsonNode item) {
    if (!given(item, "trigger")) {
      return null;
    }
    JsonNode v = item.get("trigger");
    AchievementTrigger t = v.isTextual() ? AchievementTrigger.fromWire(v.textValue()) : null;
    if (t == null) {
      throw Rejection.invalid("trigger must be one of metric, streak, api, achievement");
    }
    return t;
  }

  private static AchievementStatus status(JsonNode item) {
    if (!given(item, "status")) {
      return null;
    }
    JsonNode v = item.get("status");
    AchievementStatus s = v.isTextual() ? AchievementStatus.fromWire(v.textValue()) : null;
    if (s == null) {
      throw Rejection.invalid("status must be one of inactive, active, locked");
    }
    return s;
  }

  private static BigDecimal metricValue(JsonNode item) {
    if (!given(item, "metricValue")) {
      return null;
    }
    JsonNode v = item.get("metricValue");
    if (!v.isNumber()) {
      throw Rejection.invalid("metricValue must be a number greater than 0");
    }
    return v.decimalValue();
  }

  private static Integer streakLength(JsonNode item) {
    if (!given(item, "streakLength")) {
      return null;
    }
    JsonNode v = item.get("streakLength");
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw Rejection.invalid("streakLength must be an integer of at least 1");
    }
    return v.intValue();
  }

  /** A string field, or null when not given. */
  static String string(JsonNode item, String field) {
    if (!given(item, field)) {
      return null;
    }
    if (!item.get(field).isTextual()) {
      throw Rejection.invalid(field + " must be a string");
    }
    return item.get(field).textValue();
  }

  /** A list of strings, or null when not given. */
  static List<String> strings(JsonNode item, String field) {
    if (!given(item, field)) {
      return null;
    }
    JsonNode v = item.get(field);
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          out = null;
          break;
        }
        out.add(e.textValue());
      }
    }
    if (!v.isArray() || out == null) {
      throw Rejection.invalid(field + " must be an array of strings");
    }
    return out;
  }

  /** Admin filters {@code [{attributeId, attributeValue}]} (ATTR-11), or null when not given. */
  static List<AttributeFilter> adminFilters(JsonNode item, String field) {
    if (!given(item, field)) {
      return null;
    }
    JsonNode v = item.get(field);
    String shape = field + " must be an array of {attributeId, attributeValue} strings";
    if (!v.isArray()) {
      throw Rejection.invalid(shape);
    }
    List<AttributeFilter> out = new ArrayList<>();
    for (JsonNode f : v) {
      if (!f.isObject() || !f.path("attributeId").isTextual() || !f.path("attributeValue").isTextual()) {
        throw Rejection.invalid(shape);
      }
      out.add(filter(field, f.get("attributeId").textValue(), f.get("attributeValue").textValue()));
    }
    return out;
  }

  /** One filter whose key is resolved later; values follow ATTR-6's length limit. */
  static AttributeFilter filter(String field, String attributeId, String value) {
    if (value.length() > UserRules.MAX_ATTRIBUTE_VALUE_LENGTH) {
      throw Rejection.invalid(
          field + " values must be at most " + UserRules.MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
    }
    return new AttributeFilter(attributeId, null, value);
  }

  private static void problem(String message) {
    if (message != null) {
      throw Rejection.invalid(message);
    }
  }
}
