package dev.laurel.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TimeProgress;
import dev.laurel.engine.streak.AutoEarnAnchor;
import dev.laurel.engine.streak.DailyActivity;
import dev.laurel.engine.streak.FreezeChange;
import dev.laurel.engine.streak.FreezeLedgerEntry;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.PeriodOutcome;
import dev.laurel.engine.streak.PeriodRecord;
import dev.laurel.engine.streak.StreakPause;
import dev.laurel.engine.streak.StreakState;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a packed state unpacks to an equal one (EVENT-9 relies on it: the kept state is what
 * the next event of the user is computed from). The whole SQLite server suite also runs with one
 * state kept as objects, so that its events go through packing.
 */
class StateCodecTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00.123456789Z");
  private static final LocalDate D0 = LocalDate.parse("2025-01-15");

  private final StateCodec codec = new StateCodec();

  private static UserState everything(String userId) {
    UserProfile profile =
        new UserProfile(
            userId,
            "ada@example.com",
            "Ada Lovelace ✓",
            "Europe/London",
            List.of("token-1", "token-2"),
            false,
            Map.of("plan", "pro", "city", "Zürich"),
            true,
            T0,
            T0.plusSeconds(90));
    Preferences prefs =
        new Preferences(
            Map.of("recap", List.of("email"), "streak_reminder", List.of("email", "push")),
            Boolean.FALSE,
            "AND",
            List.of(new Preferences.StreakMetricPreference("lessons", new BigDecimal("2.50"))));
    Map<String, BigDecimal> totals =
        Map.of(
            "flips", new BigDecimal("1234.5000"),
            "debt", new BigDecimal("-7"),
            "huge", new BigDecimal("123456789012345678901234567890.0000000001"),
            "scaled", new BigDecimal("1E+3"));
    AchievementProgress achievements =
        new AchievementProgress(
            Map.of("first", new Completion("c0ffee00-0000-4000-8000-000000000001", "first", T0)),
            Map.of("tiered|deck=spanish", new BigDecimal("42.0")));
    StreakState streak =
        new StreakState(
            D0.minusDays(30),
            "Europe/London",
            T0,
            D0,
            Frequency.DAILY,
            12,
            D0.minusDays(11),
            T0.minusSeconds(3_600),
            true,
            List.of(
                new PeriodRecord(D0.minusDays(2), 10, PeriodOutcome.values()[0], D0.minusDays(11), T0.minusSeconds(86_400)),
                new PeriodRecord(D0.minusDays(1), 11, PeriodOutcome.values()[PeriodOutcome.values().length - 1], D0.minusDays(11), null)),
            List.of(new DailyActivity(D0, Map.of("lessons", new BigDecimal("3"), "flips", new BigDecimal("0.5")), T0)),
            2,
            List.of(
                new FreezeLedgerEntry(T0.minusSeconds(7), FreezeChange.values()[0], 1, 1),
                new FreezeLedgerEntry(T0, FreezeChange.values()[FreezeChange.values().length - 1], -1, 0)),
            new AutoEarnAnchor(D0.minusDays(7), T0.minusSeconds(604_800)),
            List.of(new StreakPause("pause-1", D0.plusDays(3), D0.plusDays(5), null),
                new StreakPause("pause-0", D0.minusDays(20), D0.minusDays(18), T0.minusSeconds(99))));
    PointsState points =
        new PointsState(
            Map.of("xp", 1_250L, "energy", -3L, "big", Long.MAX_VALUE),
            Map.of("xp/trigger-1", new MetricProgress(3, 17, new BigDecimal("0.75"), new BigDecimal("12"))),
            Map.of(
                "xp/daily", new TimeProgress(T0, 4, T0.plusSeconds(86_400)),
                "xp/never", new TimeProgress(null, 0, null)));
    Map<String, LeaderboardEntry> entries = new LinkedHashMap<>();
    entries.put("weekly", new LeaderboardEntry(D0.minusDays(2), "plan=pro", new BigDecimal("9.5"), T0));
    entries.put("all-time", new LeaderboardEntry(null, null, new BigDecimal("1250"), T0.minusSeconds(1)));
    return new UserState(profile, prefs, totals, achievements, streak, points, new LeaderboardEntries(entries));
  }

  private static UserState bare(String userId) {
    return new UserState(
        new UserProfile(userId, null, null, null, List.of(), true, Map.of(), false, T0, T0), Preferences.NONE, Map.of());
  }

  @Test
  void every_field_survives_packing_decimals_with_their_scale_and_entries_in_their_order() {
    UserState state = everything("u-1");
    UserState back = codec.unpack("u-1", codec.pack(state));
    assertThat(back).isEqualTo(state);
    assertThat(back.totals().get("flips").scale()).isEqualTo(4);
    assertThat(back.totals().get("scaled").scale()).isEqualTo(-3);
    assertThat(back.profile().created()).isEqualTo(T0);
    assertThat(back.leaderboards().byLeaderboard().keySet()).containsExactly("weekly", "all-time");
    assertThat(back.streak().pauses()).isEqualTo(state.streak().pauses());
  }

  @Test
  void a_new_user_without_streak_points_or_entries_survives_and_packs_small() {
    UserState state = bare("u-2");
    byte[] packed = codec.pack(state);
    assertThat(codec.unpack("u-2", packed)).isEqualTo(state);
    assertThat(packed.length).isLessThan(40);
  }

  @Test
  void repeated_strings_are_written_once_in_the_dictionary() {
    byte[] first = codec.pack(everything("u-1"));
    int words = codec.dictionarySize();
    byte[] second = codec.pack(everything("u-2"));
    assertThat(codec.dictionarySize()).isEqualTo(words);
    assertThat(second).isEqualTo(first); // the user's id is the key, not in the bytes
    assertThat(codec.unpack("u-2", second).profile().id()).isEqualTo("u-2");
  }

  @Test
  void once_the_dictionary_is_full_new_strings_are_written_out_and_still_unpack() {
    for (int i = 0; codec.dictionarySize() < StateCodec.DICTIONARY_LIMIT; i++) {
      codec.pack(new UserState(
          new UserProfile("u", null, null, null, List.of(), true, Map.of("city", "city-" + i), false, T0, T0),
          Preferences.NONE,
          Map.of()));
    }
    UserState late = new UserState(
        new UserProfile("u", null, null, null, List.of(), true, Map.of("late-key", "late-value"), false, T0, T0),
        Preferences.NONE,
        Map.of("late-metric", BigDecimal.TEN));
    assertThat(codec.unpack("u", codec.pack(late))).isEqualTo(late);
    assertThat(codec.dictionarySize()).isEqualTo(StateCodec.DICTIONARY_LIMIT);
    assertThat(codec.unpack("u-1", codec.pack(everything("u-1")))).isEqualTo(everything("u-1"));
  }

  @Test
  void a_state_packed_at_the_start_of_a_larger_buffer_unpacks_from_its_length_and_a_cut_one_fails() {
    byte[] packed = codec.pack(everything("u-1"));
    byte[] buffer = java.util.Arrays.copyOf(packed, packed.length + 64);
    java.util.Arrays.fill(buffer, packed.length, buffer.length, (byte) 0x7f); // another state's leftovers
    assertThat(codec.unpack("u-1", buffer, packed.length)).isEqualTo(everything("u-1"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.unpack("u-1", buffer, packed.length - 1))
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.unpack("u-1", buffer, packed.length + 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("past its end");
  }
}
