package dev.laurel.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.event.StoredEvent;
import dev.laurel.server.users.EventSummary.Aggregation;
import dev.laurel.server.users.EventSummary.Bucket;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSummaryTest {
  private static StoredEvent event(String at, String tz, String value) {
    return new StoredEvent("e", "u", "m", new BigDecimal(value), Map.of(), tz, Instant.parse(at), null);
  }

  @Test
  void sum4_sum5_daily_buckets_match_the_spec_example() {
    List<StoredEvent> events =
        List.of(
            event("2024-01-01T09:00:00Z", null, "100"),
            event("2024-01-02T09:00:00Z", null, "200"),
            event("2024-01-03T09:00:00Z", null, "300"));
    List<Bucket> buckets =
        EventSummary.buckets(Aggregation.DAILY, LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-03"), new BigDecimal("600"), events);
    assertThat(buckets)
        .extracting(b -> b.date() + " " + b.total().toPlainString() + " " + b.change().toPlainString())
        .containsExactly("2024-01-01 100 100", "2024-01-02 300 200", "2024-01-03 600 300");
  }

  @Test
  void sum3_time3_events_fall_on_their_own_local_date() {
    // 2024-01-01 23:30 in Los Angeles is 2024-01-02 07:30 UTC: the event belongs to January 1st.
    List<StoredEvent> events = List.of(event("2024-01-02T07:30:00Z", "America/Los_Angeles", "5"));
    List<Bucket> buckets =
        EventSummary.buckets(Aggregation.DAILY, LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"), new BigDecimal("5"), events);
    assertThat(buckets.get(0).change()).isEqualByComparingTo("5");
    assertThat(buckets.get(1).change()).isEqualByComparingTo("0");
  }

  @Test
  void sum3_weekly_buckets_start_on_monday_and_monthly_on_the_first() {
    List<Bucket> weekly =
        EventSummary.buckets(Aggregation.WEEKLY, LocalDate.parse("2024-01-03"), LocalDate.parse("2024-01-10"), BigDecimal.ZERO, List.of());
    assertThat(weekly).extracting(Bucket::date).containsExactly(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-08"));
    List<Bucket> monthly =
        EventSummary.buckets(Aggregation.MONTHLY, LocalDate.parse("2024-01-31"), LocalDate.parse("2024-03-01"), BigDecimal.ZERO, List.of());
    assertThat(monthly).extracting(Bucket::date)
        .containsExactly(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-02-01"), LocalDate.parse("2024-03-01"));
  }

  @Test
  void sum4_totals_before_the_range_and_events_after_it_are_accounted_for() {
    List<StoredEvent> events =
        List.of(event("2024-01-05T12:00:00Z", null, "10"), event("2024-02-01T12:00:00Z", null, "-4"));
    // current total 50: 44 came before January 5th.
    List<Bucket> buckets =
        EventSummary.buckets(Aggregation.DAILY, LocalDate.parse("2024-01-04"), LocalDate.parse("2024-01-06"), new BigDecimal("50"), events);
    assertThat(buckets).extracting(b -> b.total().toPlainString()).containsExactly("44", "54", "54");
  }

  @Test
  void sum2_ranges_are_ordered_and_at_most_400_days() {
    EventSummary.checkRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-01"));
    assertThatThrownBy(() -> EventSummary.checkRange(LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-01")))
        .hasMessageContaining("startDate");
    assertThatThrownBy(() -> EventSummary.checkRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-02-05")))
        .hasMessageContaining("400 days");
  }
}
