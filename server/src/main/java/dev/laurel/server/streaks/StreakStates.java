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
    return encode(config, null, user);
  }

  /**
   * Same as {@link #encode(ScopeConfig, UserState)} for {@code after}, a state computed from {@code
   * before} (null for a new user) in one session, marked with its columns {@linkplain
   * StreakRepository.EncodedState#columnsAsStored as stored} when its length and sweep instant are
   * those of {@code before}'s state. Those are the stored ones: every write of a streak state stores
   * its length and instant in its transaction, computed from the state and the configuration as
   * here; a configuration change makes every stored instant earlier (STREAK-21: due now), never
   * later; and an instant computed from one state and configuration does not depend on the clock.
   */
  public StreakRepository.EncodedState encode(ScopeConfig config, UserState before, UserState after) {
    StreakState state = UserStreaks.state(after, config);
    Instant next = UserStreaks.nextSettlement(config, after.withStreak(state)).orElse(null);
    boolean asStored =
        before != null
            && before.streak() != null
            && before.streak().length() == state.length()
            && java.util.Objects.equals(UserStreaks.nextSettlement(config, before).orElse(null), next);
    return StreakRepository.encode(after.profile().id(), state, next, asStored);
  }

  public void write(Tx tx, Scope scope, StreakRepository.EncodedState state) throws SQLException {
    repository.saveState(tx, scope, state);
  }
}
