package dev.laurel.engine.streak;

import java.time.LocalDate;

/** One streak period: local dates {@code start..end} inclusive (STREAK-2). */
public record StreakPeriod(LocalDate start, LocalDate end) {

  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }
}
