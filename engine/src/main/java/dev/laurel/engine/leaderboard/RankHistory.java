package dev.laurel.engine.leaderboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * LB-34: the {@code history} of {@code GET /users/{id}/leaderboards/{key}}: the user's persisted
 * daily snapshots of a run, plus a provisional one for today when the current standing differs
 * from the last persisted one; the most recent {@code numEvents}, oldest first, each with the
 * standing of the snapshot before it.
 */
public final class RankHistory {
  private RankHistory() {}

  /** One element of the history ({@code LeaderboardEvent}). */
  public record Event(LocalDate date, Integer previousRank, Integer rank, Long previousValue, Long value) {}

  /**
   * @param persisted the run's persisted snapshots of the user, oldest first
   * @param today the user's local date when the run is still open for them, else null (no
   *     provisional snapshot)
   */
  public static List<Event> of(
      List<Snapshot> persisted, LocalDate today, Integer rank, Long value, int numEvents) {
    List<Snapshot> all = new ArrayList<>(persisted);
    Snapshot last = all.isEmpty() ? null : all.getLast();
    if (today != null && (last == null || today.isAfter(last.day()))) {
      boolean changed = last == null ? rank != null : !last.sameStanding(rank, value);
      if (changed) {
        all.add(new Snapshot(today, rank, value));
      }
    }
    List<Event> out = new ArrayList<>();
    for (int i = Math.max(0, all.size() - numEvents); i < all.size(); i++) {
      Snapshot s = all.get(i);
      Snapshot before = i == 0 ? null : all.get(i - 1);
      out.add(
          new Event(
              s.day(),
              before == null ? null : before.rank(),
              s.rank(),
              before == null ? null : before.value(),
              s.value()));
    }
    return out;
  }
}
