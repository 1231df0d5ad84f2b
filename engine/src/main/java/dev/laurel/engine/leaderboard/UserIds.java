package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * User id to handle lookup: an open-addressing hash table of int handles (linear probing, load at
 * most 5/8, deletion by backward shift so no tombstones) over an {@link IdArena}. Ids are hashed and
 * compared as UTF-8 bytes, encoded into a reused buffer, so a lookup allocates nothing.
 */
final class UserIds {
  private static final int EMPTY = -1;

  private IdArena arena;
  private int[] table;
  private int mask;
  private byte[] scratch = new byte[64];
  private int scratchLength;
  private int scratchHash;

  UserIds(int expectedIds) {
    reset(expectedIds);
  }

  void clear() {
    reset(0);
  }

  int size() {
    return arena.size();
  }

  int handleEnd() {
    return arena.handleEnd();
  }

  boolean isLive(int handle) {
    return arena.isLive(handle);
  }

  /** Where the handle's entry is, as {@link BlockSequence} encodes it, or {@link IdArena#NO_LOCATION}. */
  int location(int handle) {
    return arena.location(handle);
  }

  void setLocation(int handle, int location) {
    arena.setLocation(handle, location);
  }

  /** The handle of {@code userId}, or -1 if it has none. */
  int handleOf(String userId) {
    encode(userId);
    for (int slot = scratchHash & mask; ; slot = (slot + 1) & mask) {
      int handle = table[slot];
      if (handle == EMPTY || arena.equals(handle, scratch, scratchLength)) {
        return handle;
      }
    }
  }

  /** The handle of {@code userId}, allocated if it had none. */
  int intern(String userId) {
    int found = handleOf(userId);
    if (found != EMPTY) {
      return found;
    }
    if ((arena.size() + 1) * 8L > table.length * 5L) {
      rehash(table.length * 2);
    }
    int handle = arena.add(scratch, scratchLength);
    int slot = scratchHash & mask;
    while (table[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    table[slot] = handle;
    return handle;
  }

  void release(int handle) {
    int slot = arena.hash(handle) & mask;
    while (table[slot] != handle) {
      slot = (slot + 1) & mask;
    }
    int hole = slot;
    for (int next = (hole + 1) & mask; table[next] != EMPTY; next = (next + 1) & mask) {
      int home = arena.hash(table[next]) & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        table[hole] = table[next];
        hole = next;
      }
    }
    table[hole] = EMPTY;
    arena.release(handle);
  }

  void trimToSize() {
    arena.trimToSize();
  }

  String userId(int handle) {
    return arena.decode(handle);
  }

  int compare(int a, int b) {
    return a == b ? 0 : arena.compare(a, b);
  }

  long footprintBytes() {
    return arena.footprintBytes() + 4L * table.length;
  }

  private void reset(int expectedIds) {
    arena = new IdArena(expectedIds, expectedIds * 16);
    table = new int[tableCapacityFor(expectedIds)];
    Arrays.fill(table, EMPTY);
    mask = table.length - 1;
  }

  private void encode(String userId) {
    int worst = userId.length() * Utf8.MAX_BYTES_PER_CHAR;
    if (worst > scratch.length) {
      scratch = new byte[Math.max(worst, scratch.length * 2)];
    }
    scratchLength = Utf8.encode(userId, scratch);
    scratchHash = Utf8.hash(scratch, 0, scratchLength);
  }

  private void rehash(int capacity) {
    int[] fresh = new int[capacity];
    Arrays.fill(fresh, EMPTY);
    int freshMask = capacity - 1;
    for (int handle = 0; handle < arena.handleEnd(); handle++) {
      if (arena.isLive(handle)) {
        int slot = arena.hash(handle) & freshMask;
        while (fresh[slot] != EMPTY) {
          slot = (slot + 1) & freshMask;
        }
        fresh[slot] = handle;
      }
    }
    table = fresh;
    mask = freshMask;
  }

  private static int tableCapacityFor(int ids) {
    int capacity = 16;
    while (capacity * 5L < ids * 8L) {
      capacity <<= 1;
    }
    return capacity;
  }
}
