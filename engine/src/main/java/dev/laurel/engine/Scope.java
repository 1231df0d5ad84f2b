package dev.laurel.engine;

/**
 * The data space a request resolves to: an environment and, within it, a tenant (ENV, TEN). The
 * untenanted default scope of an environment has the empty tenant id.
 */
public record Scope(String environmentId, String tenantId) {
  public static final String DEFAULT_TENANT = "";

  public Scope {
    if (environmentId == null || environmentId.isEmpty()) {
      throw new IllegalArgumentException("environmentId is required");
    }
    if (tenantId == null) {
      throw new IllegalArgumentException("tenantId must not be null; use DEFAULT_TENANT");
    }
  }

  public static Scope defaultTenant(String environmentId) {
    return new Scope(environmentId, DEFAULT_TENANT);
  }
}
