package dev.laurel.engine.user;

import dev.laurel.engine.Rejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code PATCH /users/{id}/preferences} body (PREF-4). Null components are absent. An
 * empty {@code streakMetrics} list removes the override.
 */
public record PreferencesPatch(
    Map<String, List<String>> notifications,
    Boolean streakEnabled,
    String streakEvaluationMode,
    List<Preferences.StreakMetricPreference> streakMetrics) {

  /**
   * Applies the patch. {@code personalization} says whether streak personalisation is enabled
   * (CFG-3); without it, mode and metric overrides are refused with 403 (PREF-4).
   */
  public Preferences applyTo(Preferences current, boolean personalization) {
    if ((streakEvaluationMode != null || streakMetrics != null) && !personalization) {
      throw Rejection.forbidden("Streak customization is not enabled");
    }
    Map<String, List<String>> merged = new HashMap<>(current.notifications());
    if (notifications != null) {
      notifications.forEach((type, channels) -> merged.put(type, canonicalChannels(channels)));
    }
    List<Preferences.StreakMetricPreference> metrics = current.streakMetrics();
    if (streakMetrics != null) {
      metrics = streakMetrics.isEmpty() ? null : streakMetrics;
    }
    return new Preferences(
        merged,
        streakEnabled != null ? streakEnabled : current.streakEnabled(),
        streakEvaluationMode != null ? streakEvaluationMode : current.streakEvaluationMode(),
        metrics);
  }

  private static List<String> canonicalChannels(List<String> channels) {
    List<String> out = new ArrayList<>();
    for (String channel : Preferences.CHANNELS) {
      if (channels.contains(channel)) {
        out.add(channel);
      }
    }
    return out;
  }
}
