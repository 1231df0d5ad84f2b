package dev.laurel.engine;

/**
 * Source of new object ids (GEN-9). Passed in so that the engine stays deterministic in tests;
 * production uses random UUID v4 strings.
 */
@FunctionalInterface
public interface Ids {
  String next();

  static Ids randomUuids() {
    return () -> java.util.UUID.randomUUID().toString();
  }
}
