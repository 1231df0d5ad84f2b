package dev.laurel.server.users;

import dev.laurel.engine.Decimals;
import dev.laurel.engine.Rejection;
import dev.laurel.engine.event.StoredEvent;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * SUM-1..SUM-5: calendar-aligned buckets of a user's running total. Each event falls in the bucket
 * of its own local date (TIME-3); a bucket's total is the current total minus everything dated
 * after the bucket, so consecutive totals differ by exactly the later bucket's change (SUM-5).
 */
public final class EventSummary {
  /** SUM-2: the longest accepted range. */
  public static final int MAX_RANGE_DAYS = 400;

  /** The bucket sizes of SUM-3. */
  public enum Aggregation {
    DAILY,
    WEEKLY,
    MONTHLY;

    LocalDate bucketStart(LocalDate date) {
      return switch (this) {
        case DAILY -> date;
        case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTHLY -> date.withDayOfMonth(1);
      };
    }

    LocalDate next(LocalDate bucketStart) {
      return switch (this) {
        case DAILY -> bucketStart.plusDays(1);
        case WEEKLY -> bucketStart.plusWeeks(1);
        case MONTHLY -> bucketStart.plusMonths(1);
      };
    }
  }

  /** One entry: first day of the bucket, cumulative total at its end, and its change (SUM-4). */
  public record Bucket(LocalDate date, BigDecimal total, BigDecimal change) {}

  private EventSummary() {}

  /** SUM-2 validation of the requested range. */
  public static void checkRange(LocalDate start, LocalDate end) {
    if (start.isAfter(end)) {
      throw Rejection.invalid("startDate must not be after endDate");
    }
    if (ChronoUnit.DAYS.between(start, end) > MAX_RANGE_DAYS) {
      throw Rejection.invalid("endDate must be at most " + MAX_RANGE_DAYS + " days after startDate");
    }
  }

  /** The earliest instant an event dated on {@code date} in any zone can have (TIME-7). */
  public static java.time.Instant earliestInstant(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.ofHours(14)).toInstant();
  }

  /**
   * Buckets from the one holding {@code start} through the one holding {@code end}. {@code
   * events} must include every event dated on or after the first bucket's first day.
   */
  public static List<Bucket> buckets(
      Aggregation aggregation, LocalDate start, LocalDate end, BigDecimal currentTotal, List<StoredEvent> events) {
    LocalDate first = aggregation.bucketStart(start);
    LocalDate last = aggregation.bucketStart(end);
    List<LocalDate> starts = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = aggregation.next(d)) {
      starts.add(d);
    }
    BigDecimal[] changes = new BigDecimal[starts.size()];
    java.util.Arrays.fill(changes, BigDecimal.ZERO);
    BigDecimal afterLast = BigDecimal.ZERO;
    for (StoredEvent e : events) {
      LocalDate local = e.at().atZone(e.tz() == null ? ZoneOffset.UTC : ZoneId.of(e.tz())).toLocalDate();
      if (local.isBefore(first)) {
        continue;
      }
      LocalDate bucket = aggregation.bucketStart(local);
      if (bucket.isAfter(last)) {
        afterLast = afterLast.add(e.value());
      } else {
        int i = starts.indexOf(bucket);
        changes[i] = changes[i].add(e.value());
      }
    }
    List<Bucket> out = new ArrayList<>(starts.size());
    BigDecimal total = currentTotal.subtract(afterLast);
    for (int i = starts.size() - 1; i >= 0; i--) {
      out.add(0, new Bucket(starts.get(i), Decimals.normalize(total), Decimals.normalize(changes[i])));
      total = total.subtract(changes[i]);
    }
    return out;
  }
}
