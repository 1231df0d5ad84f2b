package dev.laurel.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand (TIME-1); nothing sleeps. */
final class TestClock implements InstantSource {
  private volatile Instant now;

  TestClock(String iso) {
    this.now = Instant.parse(iso);
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(String iso) {
    now = Instant.parse(iso);
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }
}
