package dev.laurel.engine.streak;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sums of one local date's events per streak metric (STREAK-3), kept so that period sums,
 * personalised conditions and a frequency switch (STREAK-21) can be computed from them.
 *
 * @param lastEventAt the instant of the latest counted event of that date; a recomputation uses it
 *     as the extension instant of the period it satisfies
 */
public record DailyActivity(LocalDate date, Map<String, BigDecimal> sums, Instant lastEventAt) {

  public DailyActivity {
    sums = Collections.unmodifiableMap(new TreeMap<>(sums));
  }

  DailyActivity plus(String metricId, BigDecimal value, Instant at) {
    Map<String, BigDecimal> next = new TreeMap<>(sums);
    next.merge(metricId, value, BigDecimal::add);
    return new DailyActivity(date, next, at);
  }
}
