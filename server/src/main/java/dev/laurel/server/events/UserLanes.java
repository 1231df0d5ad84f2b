package dev.laurel.server.events;

import dev.laurel.engine.Scope;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * EVENT-8 / DESIGN "one serial step per user": every (scope, user) maps to one of a fixed set of
 * lanes, and a lane runs its work one item at a time in arrival order (fair locks). Work for one
 * user is therefore never concurrent, without a lock object per user or any retry loop.
 */
public final class UserLanes {
  private final ReentrantLock[] lanes;

  public UserLanes(int count) {
    if (Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("lane count must be a power of two");
    }
    lanes = new ReentrantLock[count];
    for (int i = 0; i < count; i++) {
      lanes[i] = new ReentrantLock(true);
    }
  }

  /** Runs {@code work} in the lane of this user, after the lane's earlier work. */
  public <T> T run(Scope scope, String userId, Supplier<T> work) {
    ReentrantLock lane = lanes[index(scope, userId)];
    lane.lock();
    try {
      return work.get();
    } finally {
      lane.unlock();
    }
  }

  private int index(Scope scope, String userId) {
    int h = scope.hashCode() * 31 + userId.hashCode();
    h ^= h >>> 16;
    return h & (lanes.length - 1);
  }
}
