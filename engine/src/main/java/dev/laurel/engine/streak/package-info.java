/**
 * The streak engine (BEHAVIOR.md §16): periods, extension, loss, freezes, pauses and restores.
 *
 * <p>Everything here is pure. {@link dev.laurel.engine.streak.StreakEngine} takes the scope's
 * {@link dev.laurel.engine.streak.StreakConfig}, the user's {@link
 * dev.laurel.engine.streak.StreakPrefs} and {@link dev.laurel.engine.streak.StreakState}, the
 * user's time zone and the current instant, and returns a new state plus the {@link
 * dev.laurel.engine.streak.StreakEffect}s (webhook-worthy facts) it caused. The caller owns
 * storage, locking, clocks and webhook delivery.
 */
package dev.laurel.engine.streak;
