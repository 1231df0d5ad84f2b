package dev.laurel.server.points;

import static dev.laurel.server.points.Fields.issue;
import static dev.laurel.server.points.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import dev.laurel.engine.points.AttributeFilter;
import dev.laurel.engine.points.Boost;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/** Admin boost items (BOOST-1, BOOST-2, BOOST-9, BOOST-11). */
final class BoostItems {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final String MULTIPLIER = "multiplier must be > 0, < 100 and ≠ 1";

  private BoostItems() {}

  /** BOOST-9; {@code userExists} answers "User does not exist" checks in the request's scope. */
  static Boost create(
      JsonNode item, String systemId, String id, Instant now, ScopeConfig config, Predicate<String> userExists) {
    if (!item.isObject()) {
      throw issue("item must be an object");
    }
    String name = name(item);
    LocalDate start = Fields.date(item, "start");
    LocalDate end = present(item, "end") ? Fields.date(item, "end") : null;
    checkWindow(start, end);
    if (!present(item, "multiplier")) {
      throw issue(MULTIPLIER);
    }
    BigDecimal multiplier = multiplier(item);
    Boost.Rounding rounding = rounding(item, Boost.Rounding.DOWN);
    String userId = Fields.string(item, "userId");
    if (userId != null && !userExists.test(userId)) {
      throw issue("User does not exist");
    }
    if (userId != null && hasFilters(item)) {
      throw issue("userAttributes cannot be set on a user-specific boost");
    }
    List<AttributeFilter> filters = Fields.filters(item, "userAttributes", config, AttributeType.USER);
    return new Boost(id, systemId, name, start, end, multiplier, rounding, userId, filters, now);
  }

  /** BOOST-11: {@code end: null} removes the end, {@code userAttributes: null} clears the filters. */
  static Boost update(JsonNode item, Boost current, ScopeConfig config) {
    String name = present(item, "name") ? name(item) : current.name();
    LocalDate start = present(item, "start") ? Fields.date(item, "start") : current.start();
    LocalDate end = current.end();
    if (item.has("end")) {
      end = item.get("end").isNull() ? null : Fields.date(item, "end");
    }
    checkWindow(start, end);
    BigDecimal multiplier = present(item, "multiplier") ? multiplier(item) : current.multiplier();
    Boost.Rounding rounding = rounding(item, current.rounding());
    List<AttributeFilter> filters = current.userAttributes();
    if (item.has("userAttributes")) {
      if (!current.isGlobal() && hasFilters(item)) {
        throw issue("userAttributes cannot be set on a user-specific boost");
      }
      filters = Fields.filters(item, "userAttributes", config, AttributeType.USER);
    }
    return new Boost(
        current.id(), current.systemId(), name, start, end, multiplier, rounding, current.userId(), filters, current.created());
  }

  private static boolean hasFilters(JsonNode item) {
    JsonNode v = item.get("userAttributes");
    return v != null && !v.isNull() && !(v.isArray() && v.isEmpty());
  }

  private static String name(JsonNode item) {
    JsonNode v = item.get("name");
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw issue("name must be a string");
    }
    if (v.textValue().length() > 255) {
      throw issue("name must be at most 255 characters");
    }
    return v.textValue();
  }

  private static void checkWindow(LocalDate start, LocalDate end) {
    if (end != null && end.isBefore(start)) {
      throw issue("end precedes start");
    }
  }

  /** BOOST-1: 0 < m < 100 and m ≠ 1, kept exactly (BOOST-6). */
  private static BigDecimal multiplier(JsonNode item) {
    JsonNode v = item.get("multiplier");
    if (!v.isNumber()) {
      throw issue(MULTIPLIER);
    }
    BigDecimal m = v.decimalValue().stripTrailingZeros();
    if (m.signum() <= 0 || m.compareTo(HUNDRED) >= 0 || m.compareTo(BigDecimal.ONE) == 0) {
      throw issue(MULTIPLIER);
    }
    return m.scale() < 0 ? m.setScale(0) : m;
  }

  private static Boost.Rounding rounding(JsonNode item, Boost.Rounding fallback) {
    if (!present(item, "rounding")) {
      return fallback;
    }
    JsonNode v = item.get("rounding");
    Boost.Rounding r = v.isTextual() ? Boost.Rounding.fromWire(v.textValue()) : null;
    if (r == null) {
      throw issue("rounding must be one of down, up, nearest");
    }
    return r;
  }
}
