package dev.laurel.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand (TIME-1); nothing sleeps. */
final class TestClock implements InstantSource {
  private volatile Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  TestClock(String iso) {
    this(Instant.parse(iso));
  }

  @Override
  public Instant instant() {
    return now;
  }

  void set(Instant instant) {
    now = instant;
  }

  void set(String iso) {
    set(Instant.parse(iso));
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }
}
