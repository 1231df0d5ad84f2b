package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.points.AttributeFilter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Typed fields of admin items; a bad value is the item's issue (ADM-5) with a message to fix it. */
final class Fields {
  private Fields() {}

  /** Present and not null (GEN-6: null is "absent" unless a rule says "clear"). */
  static boolean present(JsonNode item, String field) {
    JsonNode v = item.get(field);
    return v != null && !v.isNull();
  }

  static Rejection issue(String message) {
    return Rejection.invalid(message);
  }

  /** An integral JSON number within [min, max] (10 and 10.0 are both integers), else {@code message}. */
  static long integer(JsonNode item, String field, long min, long max, String message) {
    JsonNode v = item.get(field);
    if (v == null || !v.isNumber()) {
      throw issue(message);
    }
    BigDecimal d = v.decimalValue().stripTrailingZeros();
    if (d.scale() > 0
        || d.compareTo(BigDecimal.valueOf(min)) < 0
        || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw issue(message);
    }
    return d.longValueExact();
  }

  /** A string field, or null when absent or null. */
  static String string(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw issue(field + " must be a string");
    }
    return v.textValue();
  }

  static boolean bool(JsonNode item, String field, boolean fallback) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw issue(field + " must be a boolean");
    }
    return v.booleanValue();
  }

  /** CFG-14: {@code badge: {url}} with an absolute URL; returns the URL. Null input is not allowed here. */
  static String badgeUrl(JsonNode item) {
    JsonNode badge = item.get("badge");
    JsonNode url = badge == null || !badge.isObject() ? null : badge.get("url");
    if (url == null || !url.isTextual() || !isAbsoluteUrl(url.textValue())) {
      throw issue("badge must be an object with an absolute url");
    }
    return url.textValue();
  }

  private static boolean isAbsoluteUrl(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute() && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A {@code YYYY-MM-DD} date (GEN-7). */
  static LocalDate date(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || !v.isTextual()) {
      throw issue(field + " must be a date in YYYY-MM-DD format");
    }
    try {
      return LocalDate.parse(v.textValue());
    } catch (DateTimeParseException e) {
      throw issue(field + " must be a date in YYYY-MM-DD format");
    }
  }

  /**
   * ATTR-11 admin form {@code [{attributeId, attributeValue}]} of attributes of {@code type};
   * absent or null is no filter.
   */
  static List<AttributeFilter> filters(JsonNode item, String field, ScopeConfig config, AttributeType type) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    String shape = field + " must be an array of {attributeId, attributeValue}";
    if (!v.isArray()) {
      throw issue(shape);
    }
    List<AttributeFilter> out = new ArrayList<>();
    for (JsonNode f : v) {
      JsonNode id = f.get("attributeId");
      JsonNode value = f.get("attributeValue");
      if (!f.isObject() || id == null || !id.isTextual() || value == null || !value.isTextual()) {
        throw issue(shape);
      }
      AttributeDef def = attribute(config, id.textValue());
      if (def == null) {
        throw issue("Attribute not found by ID");
      }
      if (def.type() != type) {
        throw issue("Attribute " + def.key() + " is not " + (type == AttributeType.USER ? "a user" : "an event") + " attribute");
      }
      out.add(new AttributeFilter(def.id(), def.key(), value.textValue()));
    }
    return out;
  }

  private static AttributeDef attribute(ScopeConfig config, String id) {
    for (AttributeDef a : config.attributes()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    return null;
  }
}
