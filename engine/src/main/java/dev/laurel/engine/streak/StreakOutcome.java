package dev.laurel.engine.streak;

import java.util.List;

/** The new state after an operation and the effects it caused, in the order they happened. */
public record StreakOutcome(StreakState state, List<StreakEffect> effects) {

  public StreakOutcome {
    effects = List.copyOf(effects);
  }

  /**
   * Whether an event increased the length (the event response's {@code extended: true}, STREAK-6,
   * STREAK-16). Settlement never extends.
   */
  public boolean extended() {
    return effects.stream()
        .anyMatch(e -> e instanceof StreakEffect.Started || e instanceof StreakEffect.Extended);
  }
}
