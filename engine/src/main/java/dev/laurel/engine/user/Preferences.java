package dev.laurel.engine.user;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A user's preferences (PREF-1): notification channels per type, and the streak overrides of
 * STREAK-19/20 ({@code null} components are "not set").
 */
public record Preferences(
    Map<String, List<String>> notifications,
    Boolean streakEnabled,
    String streakEvaluationMode,
    List<StreakMetricPreference> streakMetrics) {

  /** Notification types in wire spelling (GEN-3). */
  public static final List<String> NOTIFICATION_TYPES =
      List.of("achievement_completed", "recap", "reactivation", "streak_reminder");

  /** Channels in their canonical output order (PREF-4). */
  public static final List<String> CHANNELS = List.of("email", "push");

  public static final Preferences NONE = new Preferences(Map.of(), null, null, null);

  public Preferences {
    notifications = Map.copyOf(notifications);
    streakMetrics = streakMetrics == null ? null : List.copyOf(streakMetrics);
  }

  /** PREF-3: {@code streak} is present only when at least one streak preference is stored. */
  public boolean hasStreakPreferences() {
    return streakEnabled != null || streakEvaluationMode != null || streakMetrics != null;
  }

  /** One personalised streak condition: a metric key and its threshold (PREF-4). */
  public record StreakMetricPreference(String key, BigDecimal threshold) {}
}
