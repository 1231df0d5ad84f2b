package dev.laurel.engine.streak;

import java.time.Instant;

/**
 * Freeze auto-earn (FREEZE-4): every {@code intervalDays} local days the user gains {@code amount}
 * freezes.
 *
 * @param enabledAt the instant auto-earn was last switched on for the scope, or {@code null} when
 *     it has been on since before any user existed; users created earlier count their interval from
 *     the local date of this instant (FREEZE-4's anchor). The config store sets it whenever
 *     auto-earn goes from off to on.
 */
public record AutoEarn(int intervalDays, int amount, Instant enabledAt) {}
