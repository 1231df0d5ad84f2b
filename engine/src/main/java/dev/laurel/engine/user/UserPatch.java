package dev.laurel.engine.user;

import java.util.List;
import java.util.Map;

/**
 * The user fields a request provides (UpsertedUser / UpdatedUser). A null component means "absent,
 * leave unchanged" (GEN-6); in {@code attributes} a null value removes that attribute (ATTR-7).
 */
public record UserPatch(
    String email,
    String name,
    String tz,
    List<String> deviceTokens,
    Boolean subscribeToEmails,
    Map<String, String> attributes) {

  public static final UserPatch EMPTY = new UserPatch(null, null, null, null, null, null);
}
