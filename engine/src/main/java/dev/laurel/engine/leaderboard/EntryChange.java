package dev.laurel.engine.leaderboard;

import java.util.ArrayList;
import java.util.List;

/**
 * How one request changed a user's entry in one leaderboard run: {@code before} is the user's
 * entry in the same run before the request (null if none), {@code after} the new one. {@code
 * valueChanged} is false for a pure group move (LB-14), which the event response does not report
 * (LB-31).
 */
public record EntryChange(Leaderboard leaderboard, LeaderboardEntry before, LeaderboardEntry after, boolean valueChanged) {

  /** The changes between two states of a user's entries, in leaderboard creation order. */
  public static List<EntryChange> between(
      List<Leaderboard> leaderboards, LeaderboardEntries before, LeaderboardEntries after) {
    List<EntryChange> out = new ArrayList<>();
    for (Leaderboard lb : leaderboards) {
      LeaderboardEntry b = before.get(lb.id());
      LeaderboardEntry a = after.get(lb.id());
      if (a == null || a.equals(b)) {
        continue;
      }
      LeaderboardEntry prior = b != null && b.run().equals(a.run()) ? b : null;
      boolean valueChanged =
          prior == null ? a.value().signum() != 0 : prior.value().compareTo(a.value()) != 0;
      out.add(new EntryChange(lb, prior, a, valueChanged));
    }
    return out;
  }
}
