package dev.laurel.engine.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The stored fields of a user (USER-2). Null email, name and tz mean "not set". */
public record UserProfile(
    String id,
    String email,
    String name,
    String tz,
    List<String> deviceTokens,
    boolean subscribeToEmails,
    Map<String, String> attributes,
    boolean control,
    Instant created,
    Instant updated) {

  public UserProfile {
    deviceTokens = List.copyOf(deviceTokens);
    attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
  }

  /** The zone used for this user's local dates (TIME-2): {@code tz}, or UTC when unset. */
  public java.time.ZoneId zone() {
    return tz == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(tz);
  }
}
