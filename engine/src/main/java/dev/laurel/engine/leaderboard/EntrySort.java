package dev.laurel.engine.leaderboard;

/**
 * A stable bottom-up merge sort of {@link Columns} in LB-10 order, moving the columns themselves so
 * that every pass reads and writes memory sequentially. O(n log n) time, O(n) extra space.
 */
final class EntrySort {
  private static final int RUN = 32;

  private EntrySort() {}

  static void sort(Columns columns, int count, EntryOrder order) {
    sort(columns, count, order, count <= RUN ? null : Columns.allocate(count));
  }

  /** As {@link #sort(Columns, int, EntryOrder)}, merging through {@code space} (at least {@code count} long). */
  static void sort(Columns columns, int count, EntryOrder order, Columns space) {
    for (int start = 0; start < count; start += RUN) {
      insertionSort(columns, start, Math.min(start + RUN, count), order);
    }
    if (count <= RUN) {
      return;
    }
    Columns source = columns;
    Columns target = space;
    for (int width = RUN; width < count; width *= 2) {
      for (int low = 0; low < count; low += 2 * width) {
        merge(source, target, low, Math.min(low + width, count), Math.min(low + 2 * width, count), order);
      }
      Columns merged = target;
      target = source;
      source = merged;
    }
    if (source != columns) {
      source.copyRange(0, columns, 0, count);
    }
  }

  private static void insertionSort(Columns c, int from, int to, EntryOrder order) {
    for (int i = from + 1; i < to; i++) {
      long w = c.whole()[i];
      long f = c.fraction()[i];
      long t = c.reachedAt()[i];
      int h = c.handles()[i];
      int j = i - 1;
      while (j >= from
          && order.compare(w, f, t, h, c.whole()[j], c.fraction()[j], c.reachedAt()[j], c.handles()[j]) < 0) {
        c.copy(j, c, j + 1);
        j--;
      }
      c.set(j + 1, w, f, t, h);
    }
  }

  private static void merge(Columns source, Columns target, int low, int mid, int high, EntryOrder order) {
    if (mid == high || source.compare(order, mid - 1, source, mid) <= 0) {
      source.copyRange(low, target, low, high - low);
      return;
    }
    int left = low;
    int right = mid;
    for (int out = low; out < high; out++) {
      if (right == high || (left < mid && source.compare(order, left, source, right) <= 0)) {
        source.copy(left++, target, out);
      } else {
        source.copy(right++, target, out);
      }
    }
  }
}
