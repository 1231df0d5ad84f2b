package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.leaderboard.RankHistory.Event;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static final Run JANUARY = new Run(date("2025-01-01"), date("2025-01-31"));

  @Test
  @DisplayName("LB-34: the day that just ended is snapshotted when the standing changed")
  void closeYesterday() {
    assertThat(Snapshot.toClose(null, date("2025-01-14"), JANUARY, 5, 1000L))
        .contains(new Snapshot(date("2025-01-13"), 5, 1000L));
    Snapshot last = new Snapshot(date("2025-01-13"), 5, 1000L);
    assertThat(Snapshot.toClose(last, date("2025-01-15"), JANUARY, 5, 1000L)).isEmpty(); // unchanged
    assertThat(Snapshot.toClose(last, date("2025-01-15"), JANUARY, 6, 1000L)) // overtaken by others
        .contains(new Snapshot(date("2025-01-14"), 6, 1000L));
    assertThat(Snapshot.toClose(last, date("2025-01-14"), JANUARY, 6, 1000L)).isEmpty(); // already closed
  }

  @Test
  @DisplayName("LB-34: leaving the participants is a snapshot with null rank and value; never ranked means none")
  void nullSnapshots() {
    Snapshot last = new Snapshot(date("2025-01-13"), 1000, 3L);
    assertThat(Snapshot.toClose(last, date("2025-01-15"), JANUARY, null, null))
        .contains(new Snapshot(date("2025-01-14"), null, null));
    assertThat(Snapshot.toClose(null, date("2025-01-15"), JANUARY, null, null)).isEmpty();
  }

  @Test
  @DisplayName("LB-34: after a run's end only its last day is closed; before its start nothing")
  void runBounds() {
    assertThat(Snapshot.toClose(null, date("2025-02-03"), JANUARY, 1, 9L)).contains(new Snapshot(date("2025-01-31"), 1, 9L));
    assertThat(Snapshot.toClose(null, date("2025-01-01"), JANUARY, 1, 9L)).isEmpty();
  }

  @Test
  @DisplayName("LB-34: history is oldest first with the preceding snapshot's standing and a provisional today")
  void history() {
    List<Snapshot> persisted =
        List.of(new Snapshot(date("2025-01-13"), 5, 1000L), new Snapshot(date("2025-01-14"), 3, 3000L));
    assertThat(RankHistory.of(persisted, date("2025-01-15"), 2, 4500L, 10))
        .containsExactly(
            new Event(date("2025-01-13"), null, 5, null, 1000L),
            new Event(date("2025-01-14"), 5, 3, 1000L, 3000L),
            new Event(date("2025-01-15"), 3, 2, 3000L, 4500L));
    assertThat(RankHistory.of(persisted, date("2025-01-15"), 3, 3000L, 10)).hasSize(2); // unchanged today
    assertThat(RankHistory.of(persisted, date("2025-01-15"), 2, 4500L, 2))
        .containsExactly(
            new Event(date("2025-01-14"), 5, 3, 1000L, 3000L),
            new Event(date("2025-01-15"), 3, 2, 3000L, 4500L));
    assertThat(RankHistory.of(persisted, null, 2, 4500L, 10)).hasSize(2); // run over: no provisional
    assertThat(RankHistory.of(persisted, date("2025-01-15"), 2, 4500L, 0)).isEmpty();
    assertThat(RankHistory.of(List.of(), date("2025-01-15"), null, null, 10)).isEmpty();
  }
}
