package dev.laurel.server.auth;

/**
 * Who is calling, from the API key (AUTH-2): an admin key of an environment, or an application key
 * bound to one user (and the tenant it was created in, TEN-11).
 */
public record Caller(String envId, String keyId, String boundUserId, String boundTenantId) {

  public boolean isApplicationKey() {
    return boundUserId != null;
  }
}
