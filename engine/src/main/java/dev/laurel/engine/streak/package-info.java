/**
 * The streak engine (BEHAVIOR.md §16): periods, extension, loss, freezes, pauses and restores.
 *
 * <p>Everything here is pure. {@link dev.laurel.engine.streak.StreakEngine} is built from the
 * scope's {@link dev.laurel.engine.streak.StreakConfig} and takes the user's {@link
 * dev.laurel.engine.streak.StreakPrefs} and {@link dev.laurel.engine.streak.StreakState}, the
 * user's current time zone and the current instant; it returns a new state plus the {@link
 * dev.laurel.engine.streak.StreakEffect}s it caused. The caller owns storage, locking, clocks and
 * webhook delivery.
 *
 * <h2>Contract for the caller</h2>
 *
 * <ul>
 *   <li>Create the state with {@code created(zone, now)} when the user is created (USER-4) and
 *       persist {@code outcome.state()} after every operation, in the same transaction as the rest
 *       of the request. Every operation settles first, so a stored state is never wrong, only
 *       behind.
 *   <li>Events (EVENT-4): step 1 {@code settle} with the stored zone; step 4 {@code onEvent} with
 *       the zone after the upsert. {@code outcome.extended()} is the response's {@code extended}
 *       and tells whether streak achievements and triggers may fire.
 *   <li>A change of the user's tz, of the streak preferences or of the configuration takes effect
 *       for a user at the instant that user is next settled: settle with the old values, store the
 *       new ones, and settle again promptly (the sweep does: {@code nextSettlement} answers "now"
 *       for a pending frequency switch, STREAK-21).
 *   <li>Sweep (STREAK-9, WH-17): keep {@code nextSettlement(prefs, state)} in an indexed column and
 *       settle users whose instant has passed, at least once a minute.
 *   <li>Effects map to webhooks (WH-11): {@code Started} → {@code streak.started}, {@code Extended}
 *       → {@code streak.extended} (both with the {@code view} as payload), {@code Lost} → {@code
 *       streak.lost}, {@code FreezeConsumed} → {@code streak.freeze_consumed}, {@code FreezeEarned}
 *       → {@code streak.freeze_earned}. Effects carry the boundary's period or instant for a
 *       deterministic webhook identity. None are produced for users with streaks off (WH-13).
 * </ul>
 */
package dev.laurel.engine.streak;
