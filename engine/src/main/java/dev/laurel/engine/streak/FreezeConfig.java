package dev.laurel.engine.streak;

/**
 * Freeze settings of a streak configuration (FREEZE-1).
 *
 * @param autoEarn {@code null} when freezes are not earned automatically
 */
public record FreezeConfig(boolean enabled, int maxFreezes, int initialFreezes, AutoEarn autoEarn) {

  /** Freezes switched off (the default). */
  public static final FreezeConfig DISABLED = new FreezeConfig(false, 0, 0, null);

  /** Whether auto-earn applies: freezes enabled and auto-earn configured (FREEZE-7). */
  public boolean earnsAutomatically() {
    return enabled && autoEarn != null;
  }
}
