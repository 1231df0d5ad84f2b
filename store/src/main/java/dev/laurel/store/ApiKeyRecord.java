package dev.laurel.store;

import java.time.Instant;

/**
 * A stored API key (AUTH-2..AUTH-5): only the hash of the secret body is kept. {@code userId} and
 * {@code tenantId} are set for application keys only; {@code status} is {@code active} or
 * {@code revoked} (application keys are deleted, never revoked).
 */
public record ApiKeyRecord(
    String id,
    String envId,
    String prefix,
    String hash,
    String status,
    String tenantId,
    String userId,
    Instant created,
    Instant lastUsed) {

  public boolean isApplicationKey() {
    return userId != null;
  }
}
