package dev.laurel.engine.streak;

/**
 * The result of granting freezes to one user (FREEZE-6): {@code granted} freezes were added (one
 * {@link StreakEffect.FreezeEarned} for all of them), {@code refused} requested ones were not
 * because the balance reached {@code maxFreezes} — one warning {@link StreakResult#FREEZE_LIMIT}
 * each.
 */
public record FreezeGrant(StreakOutcome outcome, int granted, int refused) {}
