package dev.laurel.engine.streak;

import java.time.Instant;

/**
 * One change of a user's freeze balance (FREEZE-2).
 *
 * @param delta the signed change
 * @param balance the balance after the change
 */
public record FreezeLedgerEntry(Instant at, FreezeChange change, int delta, int balance) {}
