package dev.laurel.server.streaks;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.engine.user.UserState;
import dev.laurel.store.StreakRepository;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes a user's streak state inside the transaction of the request that changed it, with the
 * instant the sweep must settle the user next (STREAK-9, WH-17). {@link #encode} runs in the
 * request's thread so the single writer only writes.
 */
public final class StreakStates {
  private final StreakRepository repository;

  public StreakStates(StreakRepository repository) {
    this.repository = repository;
  }

  /** {@code user}'s streak state (the initial one when the user has none yet), ready to write. */
  public StreakRepository.EncodedState encode(ScopeConfig config, UserState user) {
    StreakState state = UserStreaks.state(user, config);
    Instant next = UserStreaks.nextSettlement(config, user.withStreak(state)).orElse(null);
    return StreakRepository.encode(user.profile().id(), state, next);
  }

  public void write(Tx tx, Scope scope, StreakRepository.EncodedState state) throws SQLException {
    repository.saveState(tx, scope, state);
  }
}
