package dev.laurel.engine.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The storage layer serialises StreakState as it is (CON-14): it must stay plain data. */
class StreakStateShapeTest {

  private static final Set<Class<?>> LEAVES =
      Set.of(
          int.class,
          boolean.class,
          Integer.class,
          Boolean.class,
          String.class,
          LocalDate.class,
          Instant.class,
          BigDecimal.class);

  @Test
  @DisplayName(
      "CON-14: StreakState is records of primitives, strings, dates, instants, decimals, enums,"
          + " lists and string-keyed maps")
  void plainData() {
    List<String> problems = new ArrayList<>();
    check(StreakState.class, "StreakState", problems);
    assertThat(problems).isEmpty();
  }

  private static void check(Type type, String path, List<String> problems) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        check(arguments[0], path + "[]", problems);
      } else if (raw == Map.class && arguments[0] == String.class) {
        check(arguments[1], path + "{}", problems);
      } else {
        problems.add(path + ": " + type);
      }
      return;
    }
    Class<?> clazz = (Class<?>) type;
    if (LEAVES.contains(clazz) || clazz.isEnum()) {
      return;
    }
    if (!clazz.isRecord()) {
      problems.add(path + ": " + clazz.getName());
      return;
    }
    for (RecordComponent component : clazz.getRecordComponents()) {
      check(component.getGenericType(), path + "." + component.getName(), problems);
    }
  }
}
