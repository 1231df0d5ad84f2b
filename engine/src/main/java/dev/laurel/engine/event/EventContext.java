package dev.laurel.engine.event;

import dev.laurel.engine.Ids;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.metric.Metric;
import dev.laurel.engine.user.UserState;
import java.time.Instant;

/** The working state of one event while the pipeline's steps run; never escapes the pipeline. */
final class EventContext {
  final Scope scope;
  final ScopeConfig config;
  final Metric metric;
  final EventCommand command;
  final Instant now;
  final Ids ids;
  UserState state;
  boolean userCreated;
  StoredEvent event;
  StreakSummary streak;

  EventContext(
      Scope scope,
      ScopeConfig config,
      Metric metric,
      EventCommand command,
      UserState state,
      Instant now,
      Ids ids) {
    this.scope = scope;
    this.config = config;
    this.metric = metric;
    this.command = command;
    this.state = state;
    this.now = now;
    this.ids = ids;
  }
}
