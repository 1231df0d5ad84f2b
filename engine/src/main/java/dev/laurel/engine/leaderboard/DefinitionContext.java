package dev.laurel.engine.leaderboard;

import dev.laurel.engine.ScopeConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What validating a leaderboard definition needs (LB-36, LB-37): the scope's configuration (metrics,
 * attributes, the other leaderboards), its points systems, the participant ceiling (CFG-12) and the
 * instant of the request ("today" is the UTC date, TIME-5).
 */
public record DefinitionContext(ScopeConfig config, PointsSystems points, int ceiling, Instant now) {

  public LocalDate today() {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }
}
