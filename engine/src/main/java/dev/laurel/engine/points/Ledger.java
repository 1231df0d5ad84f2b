package dev.laurel.engine.points;

import dev.laurel.engine.Ids;
import dev.laurel.engine.user.UserProfile;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's points state while one operation applies trigger firings to it, one after another
 * (PTS-5): each firing is boosted (BOOST-5..BOOST-7), bounded (PTS-6) and recorded as an award
 * only if it changed the total (PTS-7).
 */
public final class Ledger {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final UserProfile user;
  private final Ids ids;
  private final Map<String, Long> totals;
  private final Map<String, MetricProgress> metricProgress;
  private final Map<String, TimeProgress> timeProgress;
  private final List<Award> awards = new ArrayList<>();

  public Ledger(UserProfile user, PointsState state, Ids ids) {
    this.user = user;
    this.ids = ids;
    this.totals = new HashMap<>(state.totals());
    this.metricProgress = new HashMap<>(state.metricProgress());
    this.timeProgress = new HashMap<>(state.timeProgress());
  }

  public UserProfile user() {
    return user;
  }

  public long total(String systemId) {
    return totals.getOrDefault(systemId, 0L);
  }

  /**
   * Applies one firing of {@code trigger} with base amount {@code base} (PTS-4) dated {@code at}.
   * Returns the award, or null when the effective change is 0 and nothing is recorded (PTS-7).
   */
  public Award fire(SystemConfig system, Trigger trigger, BigInteger base, Instant at, String dedupeKey) {
    long before = total(system.id());
    LocalDate localDate = at.atZone(user.zone()).toLocalDate();
    List<Boost> applied = base.signum() > 0 ? system.boostsFor(user, localDate) : List.of();
    long after = bound(before, Boosts.apply(base, applied), system.system().maxPoints());
    if (after == before) {
      return null;
    }
    totals.put(system.id(), after);
    Award award =
        new Award(
            ids.next(), user.id(), system.id(), trigger.id(), after - before, after, at, user.tz(), applied, dedupeKey);
    awards.add(award);
    return award;
  }

  /**
   * PTS-6: a positive amount raises the total to at most {@code max(T, maxPoints)}; a negative one
   * lowers it to at least 0. Totals also stay within a {@code long}.
   */
  static long bound(long total, BigInteger amount, Long maxPoints) {
    BigInteger t = BigInteger.valueOf(total);
    BigInteger next;
    if (amount.signum() > 0) {
      BigInteger cap = maxPoints == null ? LONG_MAX : BigInteger.valueOf(Math.max(total, maxPoints));
      next = t.add(amount).min(cap);
    } else {
      next = t.add(amount).max(BigInteger.ZERO);
    }
    return next.min(LONG_MAX).longValueExact();
  }

  MetricProgress metricProgress(String triggerId) {
    return metricProgress.get(triggerId);
  }

  void metricProgress(String triggerId, MetricProgress progress) {
    metricProgress.put(triggerId, progress);
  }

  TimeProgress timeProgress(String triggerId) {
    return timeProgress.get(triggerId);
  }

  void timeProgress(String triggerId, TimeProgress progress) {
    timeProgress.put(triggerId, progress);
  }

  /** The awards made so far, in order. */
  public List<Award> awards() {
    return List.copyOf(awards);
  }

  public PointsState state() {
    return new PointsState(totals, metricProgress, timeProgress);
  }
}
