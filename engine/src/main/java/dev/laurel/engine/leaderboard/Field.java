package dev.laurel.engine.leaderboard;

/**
 * One field of an admin request item: absent (leave as is), or given, possibly as null where null
 * means "clear" or "reset" (LB-38).
 */
public record Field<T>(boolean given, T value) {
  private static final Field<?> ABSENT = new Field<>(false, null);

  @SuppressWarnings("unchecked")
  public static <T> Field<T> absent() {
    return (Field<T>) ABSENT;
  }

  public static <T> Field<T> of(T value) {
    return new Field<>(true, value);
  }

  /** The given value, or {@code current} when absent. */
  public T or(T current) {
    return given ? value : current;
  }
}
