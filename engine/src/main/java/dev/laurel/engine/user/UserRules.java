package dev.laurel.engine.user;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validation and upsert of users: USER-1, USER-5, USER-7..USER-12, ATTR-6, ATTR-7. */
public final class UserRules {
  public static final int MAX_ID_LENGTH = 255;
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_EMAIL_LENGTH = 320;
  public static final int MAX_DEVICE_TOKENS = 100;
  public static final int MAX_DEVICE_TOKEN_LENGTH = 4096;
  public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1000;

  /** The region ids of the tz database; {@code ZoneId.getAvailableZoneIds()} copies it per call. */
  private static final java.util.Set<String> REGION_ZONES = java.util.Set.copyOf(ZoneId.getAvailableZoneIds());

  private UserRules() {}

  /** USER-1: a non-empty id of at most 255 characters. */
  public static void checkId(String id) {
    if (id == null || id.isEmpty()) {
      throw Rejection.invalid("user id must be a non-empty string");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw Rejection.invalid("user id must be at most " + MAX_ID_LENGTH + " characters");
    }
  }

  /**
   * Semantic checks of a patch, in EVENT-2 step 4 order: tz, email, subscribeToEmails, device
   * tokens, attribute keys and values. {@code existing} is null for a user that does not exist yet.
   */
  public static void check(ScopeConfig config, UserPatch patch, UserProfile existing) {
    if (patch.name() != null && patch.name().length() > MAX_NAME_LENGTH) {
      throw Rejection.invalid("name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (patch.tz() != null) {
      checkZone(patch.tz());
    }
    if (patch.email() != null && !isValidEmail(patch.email())) {
      throw Rejection.invalid("Invalid email");
    }
    if (Boolean.TRUE.equals(patch.subscribeToEmails())) {
      String email = patch.email() != null ? patch.email() : existing == null ? null : existing.email();
      if (email == null) {
        throw Rejection.invalid("An email is required when subscribeToEmails is true");
      }
    }
    if (patch.deviceTokens() != null) {
      checkDeviceTokens(patch.deviceTokens());
    }
    if (patch.attributes() != null) {
      checkAttributes(config, patch.attributes());
    }
  }

  /** USER-7: region-based IANA ids only; fixed offsets and unknown names are refused. */
  public static ZoneId checkZone(String tz) {
    if (!REGION_ZONES.contains(tz)) {
      throw Rejection.invalid("Invalid timezone: " + tz);
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw Rejection.invalid("Invalid timezone: " + tz);
    }
  }

  /** USER-8: exactly one {@code @} with non-empty local and domain parts, at most 320 chars. */
  static boolean isValidEmail(String email) {
    int at = email.indexOf('@');
    return email.length() <= MAX_EMAIL_LENGTH
        && at > 0
        && at == email.lastIndexOf('@')
        && at < email.length() - 1
        && email.chars().noneMatch(Character::isWhitespace);
  }

  private static void checkDeviceTokens(List<String> tokens) {
    if (tokens.size() > MAX_DEVICE_TOKENS) {
      throw Rejection.invalid("deviceTokens must have at most " + MAX_DEVICE_TOKENS + " items");
    }
    for (String token : tokens) {
      if (token.isEmpty() || token.length() > MAX_DEVICE_TOKEN_LENGTH) {
        throw Rejection.invalid(
            "deviceTokens items must be non-empty strings of at most "
                + MAX_DEVICE_TOKEN_LENGTH
                + " characters");
      }
    }
  }

  private static void checkAttributes(ScopeConfig config, Map<String, String> attributes) {
    List<String> unknown = new ArrayList<>();
    for (String key : attributes.keySet()) {
      if (!config.isUserAttribute(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw invalidAttributeKeys(unknown);
    }
    checkAttributeValues(attributes);
  }

  /** ATTR-6: values are strings of at most 1000 characters. */
  public static void checkAttributeValues(Map<String, String> attributes) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (e.getValue() != null && e.getValue().length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
        throw Rejection.invalid(
            "attribute " + e.getKey() + " must be at most " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
      }
    }
  }

  /** ATTR-6's message: the offending keys in request order. */
  public static Rejection invalidAttributeKeys(List<String> keys) {
    return Rejection.invalid(
        "Invalid attribute keys: " + String.join(", ", keys) + ". Define these attributes before using them.");
  }

  /** Creates a user from a patch (USER-2 defaults, USER-9, USER-12). */
  public static UserProfile create(Scope scope, ScopeConfig config, String id, UserPatch patch, Instant now) {
    UserProfile blank =
        new UserProfile(
            id,
            null,
            null,
            null,
            List.of(),
            true,
            Map.of(),
            isControl(scope, id, config.controlRatio()),
            now,
            now);
    UserProfile created = merge(blank, patch);
    return new UserProfile(
        id,
        created.email(),
        created.name(),
        created.tz(),
        created.deviceTokens(),
        created.subscribeToEmails(),
        created.attributes(),
        created.control(),
        now,
        now);
  }

  /** USER-5 upsert of an existing user; {@code updated} moves only if a stored field changed. */
  public static UserProfile update(UserProfile existing, UserPatch patch, Instant now) {
    UserProfile merged = merge(existing, patch);
    if (merged.equals(existing)) {
      return existing;
    }
    return new UserProfile(
        merged.id(),
        merged.email(),
        merged.name(),
        merged.tz(),
        merged.deviceTokens(),
        merged.subscribeToEmails(),
        merged.attributes(),
        merged.control(),
        merged.created(),
        now);
  }

  private static UserProfile merge(UserProfile base, UserPatch patch) {
    boolean subscribe =
        patch.subscribeToEmails() != null ? patch.subscribeToEmails() : base.subscribeToEmails();
    String email = !subscribe ? null : patch.email() != null ? patch.email() : base.email();
    List<String> tokens =
        patch.deviceTokens() == null
            ? base.deviceTokens()
            : List.copyOf(new LinkedHashSet<>(patch.deviceTokens()));
    Map<String, String> attributes = new TreeMap<>(base.attributes());
    if (patch.attributes() != null) {
      patch.attributes().forEach((k, v) -> {
        if (v == null) {
          attributes.remove(k);
        } else {
          attributes.put(k, v);
        }
      });
    }
    return new UserProfile(
        base.id(),
        email,
        patch.name() != null ? patch.name() : base.name(),
        patch.tz() != null ? patch.tz() : base.tz(),
        tokens,
        subscribe,
        attributes,
        base.control(),
        base.created(),
        base.updated());
  }

  /** USER-12: deterministic assignment from (environment, tenant, user id). */
  static boolean isControl(Scope scope, String userId, double ratio) {
    if (ratio <= 0) {
      return false;
    }
    if (ratio >= 1) {
      return true;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((scope.environmentId() + "\u0000" + scope.tenantId() + "\u0000" + userId).getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) {
        bits = (bits << 8) | (digest[i] & 0xff);
      }
      return bits / (double) (1L << 56) < ratio;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
