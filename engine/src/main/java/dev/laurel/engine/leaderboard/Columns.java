package dev.laurel.engine.leaderboard;

/** Entries as parallel arrays, the shape {@link EntrySort} sorts and {@link BlockSequence} loads. */
record Columns(long[] whole, long[] fraction, long[] reachedAt, int[] handles) {
  static Columns allocate(int length) {
    return new Columns(new long[length], new long[length], new long[length], new int[length]);
  }

  void set(int i, long w, long f, long t, int handle) {
    whole[i] = w;
    fraction[i] = f;
    reachedAt[i] = t;
    handles[i] = handle;
  }

  void copy(int from, Columns target, int to) {
    target.set(to, whole[from], fraction[from], reachedAt[from], handles[from]);
  }

  void copyRange(int from, Columns target, int to, int count) {
    System.arraycopy(whole, from, target.whole, to, count);
    System.arraycopy(fraction, from, target.fraction, to, count);
    System.arraycopy(reachedAt, from, target.reachedAt, to, count);
    System.arraycopy(handles, from, target.handles, to, count);
  }

  int compare(EntryOrder order, int i, Columns other, int j) {
    return order.compare(
        whole[i], fraction[i], reachedAt[i], handles[i],
        other.whole[j], other.fraction[j], other.reachedAt[j], other.handles[j]);
  }
}
