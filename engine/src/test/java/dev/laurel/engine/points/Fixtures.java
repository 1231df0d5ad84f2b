package dev.laurel.engine.points;

import dev.laurel.engine.Ids;
import dev.laurel.engine.event.StoredEvent;
import dev.laurel.engine.user.UserProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders for points configurations and users at fixed instants. */
final class Fixtures {
  // 2025-01-15 10:30 UTC (a Wednesday)
  static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");
  static final String CARDS = "m-cards";

  private Fixtures() {}

  static Ids ids() {
    AtomicInteger n = new AtomicInteger();
    return () -> "id-" + n.incrementAndGet();
  }

  static UserProfile user(String id, String tz, Map<String, String> attributes, Instant created) {
    return new UserProfile(id, null, null, tz, List.of(), true, attributes, false, created, created);
  }

  static UserProfile user(String id) {
    return user(id, null, Map.of(), T0.minusSeconds(86_400));
  }

  static PointsSystem system(String id, Long maxPoints) {
    return new PointsSystem(id, id + "-key", id.toUpperCase(), null, null, maxPoints, T0);
  }

  static Trigger trigger(String id, String systemId, long points, TriggerRule rule) {
    return new Trigger(id, systemId, points, TriggerStatus.ACTIVE, List.of(), rule, false, T0, T0, T0, 0, 0);
  }

  static Trigger metric(String id, String systemId, long points, long threshold) {
    return trigger(id, systemId, points, new TriggerRule.Metric(CARDS, "Cards", threshold, List.of()));
  }

  static Boost boost(String id, String systemId, String multiplier, Boost.Rounding rounding, LocalDate start, LocalDate end) {
    return new Boost(id, systemId, id, start, end, new BigDecimal(multiplier), rounding, null, List.of(), T0);
  }

  static Level level(String id, String systemId, long points) {
    return new Level(id, systemId, id, id, null, null, points, T0);
  }

  static StoredEvent event(String userId, String value, Map<String, String> attributes, Instant at) {
    return new StoredEvent("e-" + value, userId, CARDS, new BigDecimal(value), attributes, null, at, null);
  }

  /** A one-system configuration. */
  static PointsConfig config(PointsSystem system, List<Trigger> triggers, List<Level> levels, List<Boost> boosts) {
    return new PointsConfig(List.of(new SystemConfig(system, triggers, levels, boosts)));
  }

  static List<Long> awarded(List<Award> awards) {
    List<Long> out = new ArrayList<>();
    awards.forEach(a -> out.add(a.awarded()));
    return out;
  }
}
