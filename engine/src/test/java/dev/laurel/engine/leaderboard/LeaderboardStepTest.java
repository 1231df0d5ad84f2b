package dev.laurel.engine.leaderboard;

import static dev.laurel.engine.leaderboard.Boards.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.event.EventCommand;
import dev.laurel.engine.event.EventContext;
import dev.laurel.engine.event.EventOutcome;
import dev.laurel.engine.event.EventPipeline;
import dev.laurel.engine.user.UserPatch;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeaderboardStepTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private final AtomicInteger ids = new AtomicInteger();

  private EventOutcome event(ScopeConfig config, UserState state, String metricKey, String value, String plan, String at) {
    UserPatch patch = plan == null ? UserPatch.EMPTY : new UserPatch(null, null, null, null, null, Map.of("plan", plan));
    EventCommand command = new EventCommand(metricKey, "u1", patch, new BigDecimal(value), Map.of(), null);
    EventPipeline pipeline = new EventPipeline();
    var metric = pipeline.validate(config, command, state == null ? null : state.profile());
    return pipeline.process(SCOPE, config, metric, state, command, at(at), () -> "id-" + ids.incrementAndGet());
  }

  @Test
  @DisplayName("EVENT-4 step 7, LB-15: metric leaderboards update on every event on their metric, in the user's state")
  void metricEvents() {
    Leaderboard board = Boards.metric("cards", "2025-01-01");
    ScopeConfig config = Boards.config(board);
    // 2025-01-15 10:00 UTC
    EventOutcome first = event(config, null, "flashcards-flipped", "750", null, "2025-01-15T10:00:00Z");
    assertThat(first.state().leaderboards().get(board.id()).value()).isEqualByComparingTo("750");
    EventOutcome other = event(config, first.state(), "quizzes", "3", null, "2025-01-15T11:00:00Z");
    assertThat(other.state().leaderboards()).isEqualTo(first.state().leaderboards());
  }

  @Test
  @DisplayName("LB-13: the group comes from the attributes identified with the event itself")
  void groupFromInlineIdentification() {
    Leaderboard board = Boards.brokenDownBy(Boards.metric("cards", "2025-01-01"), Boards.PLAN);
    EventOutcome first = event(Boards.config(board), null, "flashcards-flipped", "5", "pro", "2025-01-15T10:00:00Z");
    assertThat(first.state().leaderboards().get(board.id()).group()).isEqualTo(Groups.encode(java.util.List.of("pro")));
  }

  private static dev.laurel.engine.points.Award award(String systemId, long awarded, java.time.Instant at) {
    return new dev.laurel.engine.points.Award("a", "u1", systemId, "t", awarded, 0, at, null, java.util.List.of(), null);
  }

  @Test
  @DisplayName("LB-9, LB-16, LB-17: the step sums the request's effective awards per system and reads the streak length")
  void readsEarlierSteps() {
    Leaderboard xp = Boards.points("xp", "ps-xp", "2025-01-01");
    Leaderboard streak = Boards.streak("streak", "2025-01-01");
    ScopeConfig config = Boards.config(xp, streak);
    UserState state = event(config, null, "quizzes", "1", null, "2025-01-15T09:00:00Z").state();
    EventContext ctx = new EventContext(SCOPE, config, Boards.CARDS, null, state, at("2025-01-15T10:00:00Z"), () -> "x");
    ctx.event = new dev.laurel.engine.event.StoredEvent("e", "u1", Boards.CARDS.id(), BigDecimal.ONE, Map.of(), null, ctx.now, null);
    ctx.pointsAwards.add(award("ps-xp", 30, ctx.now));
    ctx.pointsAwards.add(award("ps-xp", 15, ctx.now));
    ctx.settledAwards.add(award("ps-xp", -5, ctx.now)); // a time trigger settled in step 1
    ctx.streakLength = 2;
    LeaderboardStep.apply(ctx);
    assertThat(ctx.state.leaderboards().get(xp.id()).value()).isEqualByComparingTo("40");
    assertThat(ctx.state.leaderboards().get(streak.id()).value()).isEqualByComparingTo("2");
  }
}
