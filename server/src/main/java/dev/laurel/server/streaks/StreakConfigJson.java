package dev.laurel.server.streaks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.streak.AutoEarn;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.MetricThreshold;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.UserStreaks;
import dev.laurel.server.http.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The streak configuration as JSON (CFG-3) and as the {@code streak:} mapping of the configuration
 * file (CFG-18): {@code {enabled, frequency, evaluationMode, metrics, personalization, freezes:
 * {enabled, maxFreezes, initialFreezes, autoEarn: {intervalDays, amount} | null}}}. Absent and
 * {@code null} fields take their defaults (off, daily, AND, no metrics, no freezes); wrong types and
 * values are reported per field, in field order (STREAK-1, FREEZE-1).
 */
public final class StreakConfigJson {

  /** How the configuration's metrics name their metric. */
  public enum MetricRef {
    /** The admin API: {@code metricId}. */
    ID("metricId"),
    /** The configuration file: {@code metric}, a metric key. */
    KEY("metric");

    final String field;

    MetricRef(String field) {
      this.field = field;
    }
  }

  /**
   * One problem: {@code field} is the path inside the configuration ({@code metrics[0].threshold}).
   */
  public record Problem(String field, String message) {
    /** The problem as one sentence starting with the field, as the admin API reports it. */
    public String text() {
      return field + " " + message;
    }
  }

  /**
   * A read configuration and its problems; with problems, the configuration is not to be used. The
   * metrics' {@code metricId}s hold the references as written (ids or keys, see {@link #resolve}).
   */
  public record Parsed(StreakConfig config, List<Problem> problems) {}

  /**
   * Reads a configuration. With {@code strict} (the configuration file, CFG-15) unknown keys are
   * problems; otherwise they are ignored (GEN-5).
   */
  public static Parsed read(JsonNode node, MetricRef ref, boolean strict) {
    return new StreakConfigReader(ref, strict).parse(node);
  }

  /**
   * Replaces the metric references of {@code config} by ids: {@code resolve} answers the id of a
   * reference, or null when it names no active metric.
   */
  public static Parsed resolve(StreakConfig config, MetricRef ref, Function<String, String> resolve) {
    List<Problem> problems = new ArrayList<>();
    List<MetricThreshold> metrics = new ArrayList<>();
    for (int i = 0; i < config.metrics().size(); i++) {
      MetricThreshold metric = config.metrics().get(i);
      String id = resolve.apply(metric.metricId());
      if (id == null) {
        problems.add(
            new Problem(
                "metrics[" + i + "]." + ref.field,
                "does not name an active metric: " + metric.metricId()));
      } else {
        metrics.add(new MetricThreshold(id, metric.threshold()));
      }
    }
    StreakConfig resolved =
        new StreakConfig(
            config.enabled(),
            config.frequency(),
            config.evaluationMode(),
            metrics,
            config.personalization(),
            config.freezes());
    return new Parsed(resolved, problems);
  }

  /** CFG-3's JSON of a stored configuration (metrics by id). */
  public static Wire.Obj write(StreakConfig config) {
    List<Object> metrics = new ArrayList<>();
    for (MetricThreshold m : config.metrics()) {
      metrics.add(
          Wire.obj().with("metricId", m.metricId()).with("threshold", Wire.number(m.threshold())));
    }
    FreezeConfig f = config.freezes();
    AutoEarn autoEarn = f.autoEarn();
    return Wire.obj()
        .with("enabled", config.enabled())
        .with("frequency", UserStreaks.wire(config.frequency()))
        .with("evaluationMode", config.evaluationMode().name())
        .with("metrics", metrics)
        .with("personalization", config.personalization())
        .with(
            "freezes",
            Wire.obj()
                .with("enabled", f.enabled())
                .with("maxFreezes", f.maxFreezes())
                .with("initialFreezes", f.initialFreezes())
                .with(
                    "autoEarn",
                    autoEarn == null
                        ? null
                        : Wire.obj()
                            .with("intervalDays", autoEarn.intervalDays())
                            .with("amount", autoEarn.amount())));
  }
}
