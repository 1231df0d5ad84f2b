package dev.laurel.store;

import java.time.Instant;

/** A tenant of an environment (TEN-9): {@code customerId} is what clients send in Tenant-ID. */
public record Tenant(
    String id, String customerId, String name, String status, Instant created, Instant updated) {}
