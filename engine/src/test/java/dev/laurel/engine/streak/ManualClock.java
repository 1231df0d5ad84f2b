package dev.laurel.engine.streak;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock moved by hand; tests never sleep and never read the wall clock. */
final class ManualClock implements InstantSource {

  private Instant now;

  ManualClock(String iso) {
    now = Instant.parse(iso);
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(String iso) {
    Instant next = Instant.parse(iso);
    if (next.isBefore(now)) {
      throw new IllegalArgumentException("clock moved back from " + now + " to " + next);
    }
    now = next;
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }
}
