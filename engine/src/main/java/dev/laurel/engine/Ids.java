package dev.laurel.engine;

/**
 * Source of new object ids (GEN-9). Passed in so that the engine stays deterministic in tests;
 * production uses random UUID v4 strings.
 *
 * <p>Ids need to be unique, not secret (they are returned to the caller), so {@link #randomUuids}
 * draws them from {@link java.util.concurrent.ThreadLocalRandom} (122 random bits) rather than
 * from {@code UUID.randomUUID()}, whose {@code SecureRandom} serialises every request thread on
 * one lock of the operating system's entropy source.
 */
@FunctionalInterface
public interface Ids {
  String next();

  static Ids randomUuids() {
    return Ids::randomUuid;
  }

  /** A random UUID version 4 string. */
  static String randomUuid() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return new java.util.UUID(high, low).toString();
  }
}
