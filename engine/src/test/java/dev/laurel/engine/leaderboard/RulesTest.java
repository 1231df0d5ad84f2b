package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.at;
import static dev.laurel.engine.leaderboard.Boards.date;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.ScopeConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesTest {
  // 2025-01-15 10:30 UTC: "today" is 2025-01-15
  private static final java.time.Instant NOW = at("2025-01-15T10:30:00Z");
  private static final PointsSystems XP =
      new PointsSystems() {
        @Override
        public PointsSystemRef byId(String id) {
          return id.equals("ps-xp") ? new PointsSystemRef("ps-xp", "xp", "XP") : null;
        }

        @Override
        public PointsSystemRef byKey(String key) {
          return key.equals("xp") ? byId("ps-xp") : null;
        }
      };

  private static DefinitionContext ctx(Leaderboard... existing) {
    ScopeConfig config = Boards.config(existing);
    return new DefinitionContext(config, XP, 10_000_000, NOW);
  }

  /** A valid create item: metric leaderboard "weekly" on cards, inactive. */
  private static LeaderboardPatch item(UnaryOperator<Builder> edit) {
    return edit.apply(new Builder().name("Weekly").key("weekly").rankBy(RankBy.METRIC).metricId(Boards.CARDS.id())).build();
  }

  private static String createProblem(UnaryOperator<Builder> edit) {
    try {
      LeaderboardRules.create(item(edit), ctx(Boards.metric("taken", "2025-01-01")), "id-1");
      return null;
    } catch (Rejection r) {
      assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
      return r.getMessage();
    }
  }

  @Test
  @DisplayName("LB-1, LB-36: defaults — inactive, 1000 participants, start today, perpetual")
  void defaults() {
    Leaderboard lb = LeaderboardRules.create(item(b -> b), ctx(), "id-1");
    assertThat(lb.status()).isEqualTo(LeaderboardStatus.INACTIVE);
    assertThat(lb.maxParticipants()).isEqualTo(1000);
    assertThat(lb.start()).isEqualTo(date("2025-01-15"));
    assertThat(lb.end()).isNull();
    assertThat(lb.runUnit()).isNull();
    assertThat(lb.activated()).isFalse();
    assertThat(lb.breakdownAttributes()).isEmpty();
  }

  @Test
  @DisplayName("LB-36: per-item issues")
  void createIssues() {
    assertThat(createProblem(b -> b.name(null))).isEqualTo("name must be a string");
    assertThat(createProblem(b -> b.key("no spaces"))).isEqualTo("key must match ^[a-zA-Z\\d-_]+$");
    assertThat(createProblem(b -> b.key("taken"))).isEqualTo("Key already in use by another leaderboard");
    assertThat(createProblem(b -> b.rankBy(null))).isEqualTo("rankBy must be one of metric, streak, points");
    assertThat(createProblem(b -> b.metricId(null))).isEqualTo("metricId is required when rankBy is metric");
    assertThat(createProblem(b -> b.metricId("nope"))).isEqualTo("metricId must be the id of an active metric, got nope");
    assertThat(createProblem(b -> b.rankBy(RankBy.POINTS).pointsSystemId("nope")))
        .isEqualTo("pointsSystemId must be the id of an active points system, got nope");
    assertThat(createProblem(b -> b.rankBy(RankBy.POINTS).pointsSystemId("ps-xp"))).isNull();
    assertThat(createProblem(b -> b.rankBy(RankBy.STREAK).runUnit(RunUnit.DAY).runInterval(1)))
        .isEqualTo("Streak leaderboards cannot repeat");
    assertThat(createProblem(b -> b.runInterval(7))).isEqualTo("runInterval requires runUnit");
    assertThat(createProblem(b -> b.runUnit(RunUnit.DAY))).isEqualTo("runUnit requires runInterval");
    assertThat(createProblem(b -> b.runUnit(RunUnit.DAY).runInterval(0))).isEqualTo("runInterval must be an integer of at least 1");
    assertThat(createProblem(b -> b.maxParticipants(0))).isEqualTo("maxParticipants must be an integer between 1 and 10000000");
    assertThat(createProblem(b -> b.maxParticipants(10_000_001))).isEqualTo("maxParticipants must be an integer between 1 and 10000000");
    assertThat(createProblem(b -> b.maxParticipants(5_000_000))).isNull();
    assertThat(createProblem(b -> b.breakdown(List.of(Boards.DECK.id()))))
        .isEqualTo("breakdownAttributes must be ids of active user attributes, got a-deck");
    assertThat(createProblem(b -> b.start(date("2025-02-01")).end(date("2025-01-31")))).isEqualTo("end must not be before start");
  }

  @ParameterizedTest(name = "status {0} with start {1}, end {2} → {3}")
  @CsvSource({
    "ACTIVE, 2025-01-15, , ",
    "ACTIVE, 2025-01-16, , Leaderboards with a future start date can only be scheduled",
    "SCHEDULED, 2025-01-16, , ",
    "SCHEDULED, 2025-01-15, , Only leaderboards with a future start date can be scheduled",
    "FINISHED, 2025-01-01, 2025-01-14, ",
    "FINISHED, 2025-01-01, 2025-01-15, Only leaderboards with an end date in the past can be created as finished",
    "FINISHED, 2025-01-01, , Only leaderboards with an end date in the past can be created as finished"
  })
  @DisplayName("LB-5, LB-36: created statuses follow the start and end dates")
  void createdStatuses(LeaderboardStatus status, LocalDate start, LocalDate end, String problem) {
    assertThat(createProblem(b -> b.status(status).start(start).end(end))).isEqualTo(problem);
  }

  private static Leaderboard active() {
    return LeaderboardRules.create(item(b -> b.status(LeaderboardStatus.ACTIVE).start(date("2025-01-01"))), ctx(), "id-1");
  }

  private static String updateProblem(Leaderboard current, UnaryOperator<Builder> edit) {
    try {
      LeaderboardRules.update(current, edit.apply(new Builder()).build(), ctx(current));
      return null;
    } catch (Rejection r) {
      return r.getMessage();
    }
  }

  @Test
  @DisplayName("LB-37: ranking configuration is locked once activated; names and limits are not")
  void locked() {
    Leaderboard lb = active();
    assertThat(updateProblem(lb, b -> b.key("other"))).isEqualTo("key is locked once the leaderboard has been activated");
    assertThat(updateProblem(lb, b -> b.rankBy(RankBy.STREAK))).isEqualTo("rankBy is locked once the leaderboard has been activated");
    assertThat(updateProblem(lb, b -> b.runUnit(RunUnit.DAY).runInterval(1))).isEqualTo("runUnit is locked once the leaderboard has been activated");
    assertThat(updateProblem(lb, b -> b.breakdown(List.of(Boards.PLAN.id()))))
        .isEqualTo("breakdownAttributes is locked once the leaderboard has been activated");
    assertThat(updateProblem(lb, b -> b.start(date("2025-01-02")))).isEqualTo("start can only change while the leaderboard is scheduled");
    assertThat(updateProblem(lb, b -> b.end(date("2025-01-14")))).isEqualTo("end cannot be before today");
    assertThat(updateProblem(lb, b -> b.key("weekly").name("Renamed").maxParticipants(50))).isNull();
    Leaderboard renamed = LeaderboardRules.update(lb, new Builder().name("Renamed").maxParticipants(50).build(), ctx(lb)).next();
    assertThat(renamed.name()).isEqualTo("Renamed");
    assertThat(renamed.maxParticipants()).isEqualTo(50);
    assertThat(renamed.status()).isEqualTo(LeaderboardStatus.ACTIVE);
  }

  @Test
  @DisplayName("LB-37: while never activated every field may change")
  void inactiveIsFree() {
    Leaderboard lb = LeaderboardRules.create(item(b -> b), ctx(), "id-1");
    Leaderboard next =
        LeaderboardRules.update(lb, new Builder().key("monthly").runUnit(RunUnit.MONTH).runInterval(1).breakdown(List.of(Boards.PLAN.id())).build(), ctx(lb)).next();
    assertThat(next.key()).isEqualTo("monthly");
    assertThat(next.runUnit()).isEqualTo(RunUnit.MONTH);
    assertThat(next.breakdownAttributes()).containsExactly(Boards.PLAN.id());
  }

  @Test
  @DisplayName("LB-38: null clears end, times and runUnit (with runInterval), and resets maxParticipants")
  void nullsInUpdates() {
    Leaderboard lb =
        LeaderboardRules.create(
            item(b -> b.end(date("2025-03-01")).startTime(java.time.LocalTime.of(9, 0)).runUnit(RunUnit.DAY).runInterval(7).maxParticipants(10)),
            ctx(), "id-1");
    Builder clear = new Builder();
    clear.end = Field.of(null);
    clear.startTime = Field.of(null);
    clear.runUnit = Field.of(null);
    clear.maxParticipants = Field.of(null);
    Leaderboard next = LeaderboardRules.update(lb, clear.build(), ctx(lb)).next();
    assertThat(next.end()).isNull();
    assertThat(next.startTime()).isNull();
    assertThat(next.runUnit()).isNull();
    assertThat(next.runInterval()).isNull();
    assertThat(next.maxParticipants()).isEqualTo(1000);
  }

  @Test
  @DisplayName("LB-5: finishing ends the leaderboard today; reactivating a finished one needs a new end")
  void finishAndReactivate() {
    LeaderboardRules.Update finished = LeaderboardRules.update(active(), new Builder().status(LeaderboardStatus.FINISHED).build(), ctx(active()));
    assertThat(finished.finishNow()).isTrue();
    assertThat(finished.next().end()).isEqualTo(date("2025-01-15"));
    assertThat(finished.next().status()).isEqualTo(LeaderboardStatus.FINISHED);
    Leaderboard done = finished.next();
    assertThat(updateProblem(done, b -> b.status(LeaderboardStatus.ACTIVE)))
        .isEqualTo("A finished leaderboard can only be reactivated with an end date of today or later");
    Builder reopen = new Builder().status(LeaderboardStatus.ACTIVE);
    reopen.end = Field.of(null);
    assertThat(LeaderboardRules.update(done, reopen.build(), ctx(done)).next().status()).isEqualTo(LeaderboardStatus.ACTIVE);
  }

  @Test
  @DisplayName("LB-5: scheduled leaderboards may move their start; inactive ones are not tracked")
  void scheduledMoves() {
    Leaderboard lb = LeaderboardRules.create(item(b -> b.status(LeaderboardStatus.SCHEDULED).start(date("2025-02-01"))), ctx(), "id-1");
    LeaderboardRules.Update moved = LeaderboardRules.update(lb, new Builder().start(date("2025-03-01")).build(), ctx(lb));
    assertThat(moved.startMoved()).isTrue();
    assertThat(moved.next().start()).isEqualTo(date("2025-03-01"));
    Leaderboard off = LeaderboardRules.update(lb, new Builder().status(LeaderboardStatus.INACTIVE).build(), ctx(lb)).next();
    assertThat(off.tracksAt(at("2025-02-15T00:00:00Z"))).isFalse();
    assertThat(off.activated()).isTrue();
  }

  /** A patch builder: fields left unset are absent. */
  static final class Builder {
    Field<String> name = Field.absent();
    Field<String> key = Field.absent();
    Field<String> description = Field.absent();
    Field<LeaderboardStatus> status = Field.absent();
    Field<RankBy> rankBy = Field.absent();
    Field<String> metricId = Field.absent();
    Field<String> pointsSystemId = Field.absent();
    Field<Integer> maxParticipants = Field.absent();
    Field<LocalDate> start = Field.absent();
    Field<LocalDate> end = Field.absent();
    Field<java.time.LocalTime> startTime = Field.absent();
    Field<java.time.LocalTime> endTime = Field.absent();
    Field<List<String>> breakdown = Field.absent();
    Field<RunUnit> runUnit = Field.absent();
    Field<Integer> runInterval = Field.absent();

    Builder name(String v) { name = Field.of(v); return this; }
    Builder key(String v) { key = Field.of(v); return this; }
    Builder status(LeaderboardStatus v) { status = Field.of(v); return this; }
    Builder rankBy(RankBy v) { rankBy = Field.of(v); return this; }
    Builder metricId(String v) { metricId = Field.of(v); return this; }
    Builder pointsSystemId(String v) { pointsSystemId = Field.of(v); return this; }
    Builder maxParticipants(Integer v) { maxParticipants = Field.of(v); return this; }
    Builder start(LocalDate v) { start = v == null ? Field.absent() : Field.of(v); return this; }
    Builder end(LocalDate v) { end = v == null ? Field.absent() : Field.of(v); return this; }
    Builder startTime(java.time.LocalTime v) { startTime = Field.of(v); return this; }
    Builder breakdown(List<String> v) { breakdown = Field.of(v); return this; }
    Builder runUnit(RunUnit v) { runUnit = Field.of(v); return this; }
    Builder runInterval(Integer v) { runInterval = Field.of(v); return this; }

    LeaderboardPatch build() {
      return new LeaderboardPatch(name, key, description, status, rankBy, metricId, pointsSystemId,
          maxParticipants, start, end, startTime, endTime, breakdown, runUnit, runInterval);
    }
  }
}
