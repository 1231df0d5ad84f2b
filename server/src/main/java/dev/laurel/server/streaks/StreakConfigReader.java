package dev.laurel.server.streaks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.streak.AutoEarn;
import dev.laurel.engine.streak.EvaluationMode;
import dev.laurel.engine.streak.FreezeConfig;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.MetricThreshold;
import dev.laurel.engine.streak.StreakConfig;
import dev.laurel.engine.streak.UserStreaks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one streak configuration from JSON or YAML ({@link StreakConfigJson#read}), collecting
 * every problem with its field: wrong types and values first, then {@link StreakConfig#problems()}.
 */
final class StreakConfigReader {
  private static final Set<String> ROOT_KEYS =
      Set.of("enabled", "frequency", "evaluationMode", "metrics", "personalization", "freezes");
  private static final Set<String> FREEZE_KEYS =
      Set.of("enabled", "maxFreezes", "initialFreezes", "autoEarn");
  private static final Set<String> AUTO_EARN_KEYS = Set.of("intervalDays", "amount");

  private final StreakConfigJson.MetricRef ref;
  private final boolean strict;
  private final List<StreakConfigJson.Problem> problems = new ArrayList<>();

  StreakConfigReader(StreakConfigJson.MetricRef ref, boolean strict) {
    this.ref = ref;
    this.strict = strict;
  }

  StreakConfigJson.Parsed parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      problems.add(new StreakConfigJson.Problem("", "must be a mapping"));
      return new StreakConfigJson.Parsed(StreakConfig.DISABLED, problems);
    }
    unknownKeys(node, "", ROOT_KEYS);
    boolean enabled = bool(node, "", "enabled");
    Frequency frequency = frequency(node.get("frequency"));
    EvaluationMode mode = mode(node.get("evaluationMode"));
    List<MetricThreshold> metrics = metrics(node.get("metrics"));
    boolean personalization = bool(node, "", "personalization");
    FreezeConfig freezes = freezes(node.get("freezes"));
    StreakConfig config =
        new StreakConfig(enabled, frequency, mode, metrics, personalization, freezes);
    if (problems.isEmpty()) {
      for (String problem : config.problems()) {
        problems.add(split(problem));
      }
    }
    return new StreakConfigJson.Parsed(config, problems);
  }

  /** A message of {@link StreakConfig#problems()} starts with its field; the file names it so. */
  private StreakConfigJson.Problem split(String problem) {
    int space = problem.indexOf(' ');
    String field = problem.substring(0, space).replace(".metricId", "." + ref.field);
    return new StreakConfigJson.Problem(field, problem.substring(space + 1));
  }

  private Frequency frequency(JsonNode v) {
    if (absent(v)) {
      return Frequency.DAILY;
    }
    for (Frequency f : Frequency.values()) {
      if (v.isTextual() && v.textValue().equals(UserStreaks.wire(f))) {
        return f;
      }
    }
    problems.add(new StreakConfigJson.Problem("frequency", "must be one of daily, weekly, monthly"));
    return Frequency.DAILY;
  }

  /** DOC-1: {@code ALL} is accepted as {@code AND}. */
  private EvaluationMode mode(JsonNode v) {
    if (absent(v)) {
      return EvaluationMode.AND;
    }
    String text = v.isTextual() ? v.textValue() : "";
    if (text.equals("AND") || text.equals("ALL")) {
      return EvaluationMode.AND;
    }
    if (text.equals("OR")) {
      return EvaluationMode.OR;
    }
    problems.add(new StreakConfigJson.Problem("evaluationMode", "must be one of AND, OR"));
    return EvaluationMode.AND;
  }

  private List<MetricThreshold> metrics(JsonNode v) {
    List<MetricThreshold> out = new ArrayList<>();
    if (absent(v)) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(new StreakConfigJson.Problem("metrics", "must be a list of {" + ref.field + ", threshold}"));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String at = "metrics[" + i + "]";
      if (!item.isObject()) {
        problems.add(new StreakConfigJson.Problem(at, "must be an object with " + ref.field + " and threshold"));
        continue;
      }
      unknownKeys(item, at + ".", Set.of(ref.field, "threshold"));
      JsonNode metric = item.get(ref.field);
      if (absent(metric) || !metric.isTextual() || metric.textValue().isEmpty()) {
        problems.add(new StreakConfigJson.Problem(at + "." + ref.field, "must be a non-empty string"));
      }
      JsonNode threshold = item.get("threshold");
      if (absent(threshold) || !threshold.isNumber()) {
        problems.add(new StreakConfigJson.Problem(at + ".threshold", "must be a number > 0"));
      }
      out.add(
          new MetricThreshold(
              metric != null && metric.isTextual() ? metric.textValue() : "",
              threshold != null && threshold.isNumber()
                  ? threshold.decimalValue()
                  : BigDecimal.ZERO));
    }
    return out;
  }

  private FreezeConfig freezes(JsonNode v) {
    if (absent(v)) {
      return FreezeConfig.DISABLED;
    }
    if (!v.isObject()) {
      problems.add(new StreakConfigJson.Problem("freezes", "must be an object"));
      return FreezeConfig.DISABLED;
    }
    unknownKeys(v, "freezes.", FREEZE_KEYS);
    boolean enabled = bool(v, "freezes.", "enabled");
    int max = integer(v, "freezes.", "maxFreezes", "must be an integer between 1 and 100");
    int initial =
        integer(
            v, "freezes.", "initialFreezes", "must be an integer between 0 and freezes.maxFreezes");
    AutoEarn autoEarn = null;
    JsonNode a = v.get("autoEarn");
    if (!absent(a)) {
      if (!a.isObject()) {
        problems.add(new StreakConfigJson.Problem("freezes.autoEarn", "must be an object or null"));
      } else {
        unknownKeys(a, "freezes.autoEarn.", AUTO_EARN_KEYS);
        autoEarn =
            new AutoEarn(
                integer(a, "freezes.autoEarn.", "intervalDays", "must be an integer >= 1"),
                integer(a, "freezes.autoEarn.", "amount", "must be an integer >= 1"),
                null);
      }
    }
    return new FreezeConfig(enabled, max, initial, autoEarn);
  }

  private boolean bool(JsonNode node, String prefix, String field) {
    JsonNode v = node.get(field);
    if (absent(v)) {
      return false;
    }
    if (!v.isBoolean()) {
      problems.add(new StreakConfigJson.Problem(prefix + field, "must be true or false"));
      return false;
    }
    return v.booleanValue();
  }

  /** An integer field (absent: 0); a number with a fraction or out of range is a problem. */
  private int integer(JsonNode node, String prefix, String field, String message) {
    JsonNode v = node.get(field);
    if (absent(v)) {
      return 0;
    }
    if (v.isNumber()) {
      BigDecimal d = v.decimalValue();
      if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
        try {
          return d.intValueExact();
        } catch (ArithmeticException e) {
          // out of int range: reported below
        }
      }
    }
    problems.add(new StreakConfigJson.Problem(prefix + field, message));
    return 0;
  }

  private void unknownKeys(JsonNode node, String prefix, Set<String> known) {
    if (!strict) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                problems.add(
                    new StreakConfigJson.Problem(
                        prefix + f,
                        "is an unknown key (expected one of "
                            + String.join(", ", known.stream().sorted().toList())
                            + ")"));
              }
            });
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull();
  }
}
