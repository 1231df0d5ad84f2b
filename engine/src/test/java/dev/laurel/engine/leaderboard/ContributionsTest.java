package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.at;
import static dev.laurel.engine.leaderboard.Boards.date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContributionsTest {
  private static final Leaderboard ALL_TIME = Boards.metric("all-time", "2025-01-01");
  private static final Leaderboard DAILY = Boards.repeating(Boards.metric("daily", "2025-01-01"), RunUnit.DAY, 1);
  private static final UserProfile LONDON = Boards.user("u1", "Europe/London", Map.of());

  private static Contribution cards(String value) {
    return new Contribution(Boards.CARDS.id(), new BigDecimal(value), Map.of(), null);
  }

  private static LeaderboardEntries apply(ScopeConfig config, UserProfile user, LeaderboardEntries entries, Contribution c, Instant now) {
    return LeaderboardContributions.apply(config, user, entries, c, now);
  }

  @Test
  @DisplayName("LB-9, LB-11: a metric value is the exact sum of the run's contributing events")
  void metricSum() {
    ScopeConfig config = Boards.config(ALL_TIME);
    LeaderboardEntries e = apply(config, LONDON, LeaderboardEntries.EMPTY, cards("2.5"), at("2025-01-15T10:00:00Z"));
    e = apply(config, LONDON, e, cards("0.75"), at("2025-01-15T11:00:00Z"));
    e = apply(config, LONDON, e, new Contribution(Boards.QUIZZES.id(), BigDecimal.TEN, Map.of(), null), at("2025-01-15T12:00:00Z"));
    LeaderboardEntry entry = e.get(ALL_TIME.id());
    assertThat(entry.value()).isEqualByComparingTo("3.25");
    assertThat(entry.reachedAt()).isEqualTo(at("2025-01-15T11:00:00Z"));
    assertThat(entry.rankValue().reported()).isEqualTo(3);
    assertThat(entry.run()).isEqualTo(date("2025-01-01"));
  }

  @Test
  @DisplayName("LB-10: an event that leaves the value unchanged keeps the instant the value was reached")
  void zeroValueChangesNothing() {
    ScopeConfig config = Boards.config(ALL_TIME);
    LeaderboardEntries e = apply(config, LONDON, LeaderboardEntries.EMPTY, cards("5"), at("2025-01-15T10:00:00Z"));
    LeaderboardEntries after = apply(config, LONDON, e, cards("0"), at("2025-01-15T11:00:00Z"));
    assertThat(after).isSameAs(e);
    assertThat(EntryChange.between(config.leaderboards(), e, after)).isEmpty();
  }

  @Test
  @DisplayName("LB-2, LB-9: a new run starts empty; the user's local date decides the run (TIME-3)")
  void newRunStartsEmpty() {
    ScopeConfig config = Boards.config(DAILY);
    // 2025-01-15 23:30 UTC is 2025-01-16 00:30 in Europe/Paris (winter, UTC+1) but still the 15th in UTC
    UserProfile paris = Boards.user("p", "Europe/Paris", Map.of());
    UserProfile utc = Boards.user("q", null, Map.of());
    LeaderboardEntries p = apply(config, paris, LeaderboardEntries.EMPTY, cards("3"), at("2025-01-15T22:00:00Z"));
    LeaderboardEntries p2 = apply(config, paris, p, cards("4"), at("2025-01-15T23:30:00Z"));
    assertThat(p.get(DAILY.id()).run()).isEqualTo(date("2025-01-15"));
    assertThat(p2.get(DAILY.id())).isEqualTo(new LeaderboardEntry(date("2025-01-16"), Groups.NONE, new BigDecimal("4"), at("2025-01-15T23:30:00Z")));
    List<EntryChange> changes = EntryChange.between(config.leaderboards(), p, p2);
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.before()).isNull();
      assertThat(c.valueChanged()).isTrue();
    });
    LeaderboardEntries q = apply(config, utc, LeaderboardEntries.EMPTY, cards("4"), at("2025-01-15T23:30:00Z"));
    assertThat(q.get(DAILY.id()).run()).isEqualTo(date("2025-01-15"));
  }

  @Test
  @DisplayName("LB-9, LB-16: points leaderboards add the request's summed effective deltas of their system")
  void pointsDeltas() {
    Leaderboard xp = Boards.points("xp-board", "ps-xp", "2025-01-01");
    Leaderboard gems = Boards.points("gems-board", "ps-gems", "2025-01-01");
    ScopeConfig config = Boards.config(xp, gems);
    Contribution awards = new Contribution(Boards.CARDS.id(), BigDecimal.ONE, Map.of("ps-xp", 30L), null);
    LeaderboardEntries e = apply(config, LONDON, LeaderboardEntries.EMPTY, awards, at("2025-01-15T10:00:00Z"));
    e = apply(config, LONDON, e, new Contribution(null, null, Map.of("ps-xp", -5L), null), at("2025-01-15T10:05:00Z"));
    assertThat(e.get(xp.id()).value()).isEqualByComparingTo("25");
    assertThat(e.get(gems.id())).isNull();
  }

  @Test
  @DisplayName("LB-9, LB-17: a streak leaderboard holds the current streak length, updated when it changes")
  void streakLength() {
    Leaderboard streaks = Boards.streak("streaks", "2025-01-01");
    ScopeConfig config = Boards.config(streaks);
    LeaderboardEntries e = apply(config, LONDON, LeaderboardEntries.EMPTY, new Contribution(null, null, Map.of(), 3), at("2025-01-15T10:00:00Z"));
    assertThat(e.get(streaks.id()).value()).isEqualByComparingTo("3");
    LeaderboardEntries same = apply(config, LONDON, e, new Contribution(null, null, Map.of(), 3), at("2025-01-15T11:00:00Z"));
    assertThat(same).isSameAs(e);
    LeaderboardEntries lost = apply(config, LONDON, e, new Contribution(null, null, Map.of(), 0), at("2025-01-17T11:00:00Z"));
    assertThat(lost.get(streaks.id()).value()).isEqualByComparingTo("0");
    assertThat(EntryChange.between(config.leaderboards(), e, lost)).singleElement().extracting(EntryChange::valueChanged).isEqualTo(true);
  }

  @Test
  @DisplayName("EVENT-7, LB-6: inactive, finished and not-yet-started leaderboards take no contribution")
  void notAccepting() {
    Leaderboard inactive = Boards.metric("off", "2025-01-01").withStatus(LeaderboardStatus.INACTIVE);
    Leaderboard later = Boards.metric("later", "2025-02-01").withStatus(LeaderboardStatus.SCHEDULED);
    Leaderboard over = Boards.ending(Boards.metric("over", "2024-01-01"), "2024-12-31");
    ScopeConfig config = Boards.config(inactive, later, over);
    assertThat(apply(config, LONDON, LeaderboardEntries.EMPTY, cards("5"), at("2025-01-15T10:00:00Z")).byLeaderboard()).isEmpty();
  }

  @Test
  @DisplayName("LB-13, LB-14: the value lives in the user's group and moves with them when their attribute changes")
  void groups() {
    Leaderboard byPlan = Boards.brokenDownBy(Boards.metric("by-plan", "2025-01-01"), Boards.PLAN, Boards.COUNTRY);
    ScopeConfig config = Boards.config(byPlan);
    UserProfile none = Boards.user("u", "UTC", Map.of("plan", "pro"));
    LeaderboardEntries e = apply(config, none, LeaderboardEntries.EMPTY, cards("5"), at("2025-01-15T10:00:00Z"));
    assertThat(e.get(byPlan.id()).group()).isNull(); // no country: in no group, value still kept
    UserProfile proUk = Boards.user("u", "UTC", Map.of("plan", "pro", "country", "uk"));
    LeaderboardEntries moved = apply(config, proUk, e, Contribution.NONE, at("2025-01-15T11:00:00Z"));
    assertThat(moved.get(byPlan.id())).isEqualTo(new LeaderboardEntry(date("2025-01-01"), Groups.encode(List.of("pro", "uk")), new BigDecimal("5"), at("2025-01-15T10:00:00Z")));
    assertThat(Groups.decode(moved.get(byPlan.id()).group())).containsExactly("pro", "uk");
    assertThat(EntryChange.between(config.leaderboards(), e, moved)).singleElement().satisfies(c -> {
      assertThat(c.valueChanged()).isFalse();
      assertThat(c.before().group()).isNull();
    });
  }

  @Test
  @DisplayName("LB-14: finalised runs are not affected by group changes")
  void finishedRunDoesNotMove() {
    Leaderboard daily = Boards.brokenDownBy(DAILY, Boards.PLAN);
    ScopeConfig config = Boards.config(daily);
    UserProfile free = Boards.user("u", "UTC", Map.of("plan", "free"));
    LeaderboardEntries e = apply(config, free, LeaderboardEntries.EMPTY, cards("5"), at("2025-01-15T10:00:00Z"));
    UserProfile pro = Boards.user("u", "UTC", Map.of("plan", "pro"));
    assertThat(apply(config, pro, e, Contribution.NONE, at("2025-01-16T13:00:00Z"))).isSameAs(e);
  }

  @Test
  @DisplayName("Groups: keys are unambiguous whatever the values hold")
  void groupKeys() {
    assertThat(Groups.encode(List.of())).isEqualTo(Groups.NONE);
    assertThat(Groups.encode(List.of("a:b", ""))).isNotEqualTo(Groups.encode(List.of("a", "b:")));
    assertThat(Groups.decode(Groups.encode(List.of("1:2", "", "é")))).containsExactly("1:2", "", "é");
  }
}
