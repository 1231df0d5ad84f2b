package dev.laurel.engine.points;

import java.util.List;

/** What makes a trigger fire (TRIG-1), one record per trigger type. */
public sealed interface TriggerRule {

  TriggerType type();

  /**
   * TRIG-5: every {@code threshold} units of {@code metricId} from events matching {@code
   * eventAttributes}. {@code metricName} is resolved when the snapshot is built (TRIG-15).
   */
  record Metric(String metricId, String metricName, long threshold, List<AttributeFilter> eventAttributes)
      implements TriggerRule {
    public Metric {
      eventAttributes = List.copyOf(eventAttributes);
    }

    @Override
    public TriggerType type() {
      return TriggerType.METRIC;
    }
  }

  /** TRIG-9: completing the achievement; {@code achievementName} is null when unknown. */
  record Achievement(String achievementId, String achievementName) implements TriggerRule {
    @Override
    public TriggerType type() {
      return TriggerType.ACHIEVEMENT;
    }
  }

  /** TRIG-8: each extension to a positive multiple of {@code length}. */
  record Streak(int length) implements TriggerRule {
    @Override
    public TriggerType type() {
      return TriggerType.STREAK;
    }
  }

  /** TRIG-10: every {@code interval} hours or days. */
  record Time(TimeUnit unit, int interval) implements TriggerRule {
    @Override
    public TriggerType type() {
      return TriggerType.TIME;
    }
  }

  /** TRIG-12: once, at the user's creation. */
  record UserCreation() implements TriggerRule {
    @Override
    public TriggerType type() {
      return TriggerType.USER_CREATION;
    }
  }

  /** TRIG-1 / DOC-15: the admin API says {@code hours}/{@code days}, the application API {@code hour}/{@code day}. */
  enum TimeUnit {
    HOURS("hours", "hour"),
    DAYS("days", "day");

    private final String admin;
    private final String application;

    TimeUnit(String admin, String application) {
      this.admin = admin;
      this.application = application;
    }

    public String adminWire() {
      return admin;
    }

    public String applicationWire() {
      return application;
    }

    public static TimeUnit fromAdminWire(String value) {
      for (TimeUnit u : values()) {
        if (u.admin.equals(value)) {
          return u;
        }
      }
      return null;
    }
  }
}
