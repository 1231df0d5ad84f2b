package dev.laurel.engine.leaderboard;

import java.util.Arrays;

/**
 * User ids and, per id, where its entry is: an open-addressing hash table (linear probing, at most
 * 3/4 of the slots used, tombstones for removed ids) whose slot number is the id's handle. A slot
 * is three ints side by side, so that one cache miss yields all three: the id's hash, where its
 * UTF-8 bytes start in {@link IdBytes}, and its entry's location as {@link BlockSequence} encodes
 * it. A lookup by id therefore reads one table line and then, in parallel, the id's bytes (to
 * confirm a hash match) and the entry's block, instead of a chain of dependent misses. Ids are
 * hashed and compared as UTF-8 bytes, encoded into a reused buffer, so a lookup allocates nothing.
 *
 * <p>Handles are stable until the table is rebuilt (when it grows, or when tombstones fill it);
 * then every live id gets a new slot and the {@link Renumbering} listener is told, before the
 * rebuilding call returns, so that it can rewrite the handles it holds.
 */
final class UserIds {
  static final int NO_LOCATION = -1;
  static final int MAX_SLOTS = 1 << 29;
  private static final int EMPTY = -1;
  private static final int DELETED = -2;
  private static final int HASH = 0;
  private static final int OFFSET = 1;
  private static final int LOCATION = 2;

  /** Told when the table is rebuilt: {@code newHandles[old]} is the new handle, or -1 if none. */
  interface Renumbering {
    void renumber(int[] newHandles);
  }

  private IdBytes bytes;
  private int[] table;
  private int mask;
  private int live;
  private int deleted;
  private Renumbering renumbering = newHandles -> {};
  private byte[] scratch = new byte[64];
  private int scratchLength;
  private int scratchHash;

  UserIds(int expectedIds) {
    reset(expectedIds);
  }

  void onRenumbering(Renumbering listener) {
    this.renumbering = listener;
  }

  void clear() {
    reset(0);
  }

  int size() {
    return live;
  }

  /** Handles are below this bound. */
  int handleEnd() {
    return mask + 1;
  }

  boolean isLive(int handle) {
    return table[3 * handle + OFFSET] >= 0;
  }

  /** Where the handle's entry is, as {@link BlockSequence} encodes it, or {@link #NO_LOCATION}. */
  int location(int handle) {
    return table[3 * handle + LOCATION];
  }

  void setLocation(int handle, int location) {
    table[3 * handle + LOCATION] = location;
  }

  /** The handle of {@code userId}, or -1 if it has none. */
  int handleOf(String userId) {
    encode(userId);
    for (int slot = scratchHash & mask; ; slot = (slot + 1) & mask) {
      int offset = table[3 * slot + OFFSET];
      if (offset == EMPTY) {
        return -1;
      }
      if (table[3 * slot + HASH] == scratchHash && offset >= 0 && bytes.equals(offset, scratch, scratchLength)) {
        return slot;
      }
    }
  }

  /** The handle of {@code userId}, allocated if it had none (which may renumber the others). */
  int intern(String userId) {
    int found = handleOf(userId);
    if (found >= 0) {
      return found;
    }
    if ((live + deleted + 1) * 4L > handleEnd() * 3L) {
      rebuild((live + 1) * 8L > handleEnd() * 3L ? 2 * handleEnd() : handleEnd());
    }
    if (!bytes.fits(scratchLength) && bytes.garbage() >= bytes.end() / 2) {
      compact(scratchLength);
    }
    int slot = scratchHash & mask;
    while (table[3 * slot + OFFSET] >= 0) {
      slot = (slot + 1) & mask;
    }
    if (table[3 * slot + OFFSET] == DELETED) {
      deleted--;
    }
    table[3 * slot + HASH] = scratchHash;
    table[3 * slot + OFFSET] = bytes.append(scratch, 0, scratchLength);
    table[3 * slot + LOCATION] = NO_LOCATION;
    live++;
    return slot;
  }

  void release(int handle) {
    bytes.release(table[3 * handle + OFFSET]);
    table[3 * handle + OFFSET] = DELETED;
    table[3 * handle + LOCATION] = NO_LOCATION;
    live--;
    deleted++;
  }

  /** Drops the bytes of released ids, as after a bulk load. Handles do not change. */
  void trimToSize() {
    compact(0);
  }

  String userId(int handle) {
    return bytes.decode(table[3 * handle + OFFSET]);
  }

  int compare(int a, int b) {
    return a == b ? 0 : bytes.compare(table[3 * a + OFFSET], table[3 * b + OFFSET]);
  }

  long footprintBytes() {
    return bytes.footprintBytes() + 16L + 4L * table.length;
  }

  private void reset(int expectedIds) {
    bytes = new IdBytes(expectedIds * 16);
    table = emptyTable(slotsFor(expectedIds));
    mask = table.length / 3 - 1;
    live = 0;
    deleted = 0;
  }

  private void encode(String userId) {
    int worst = userId.length() * Utf8.MAX_BYTES_PER_CHAR;
    if (worst > scratch.length) {
      scratch = new byte[Math.max(worst, scratch.length * 2)];
    }
    scratchLength = Utf8.encode(userId, scratch);
    scratchHash = Utf8.hash(scratch, 0, scratchLength);
  }

  private void compact(int needed) {
    int liveBytes = bytes.end() - bytes.garbage();
    IdBytes fresh = new IdBytes(liveBytes + needed + (needed == 0 ? 0 : liveBytes >> 2));
    for (int slot = 0; slot <= mask; slot++) {
      int offset = table[3 * slot + OFFSET];
      if (offset >= 0) {
        table[3 * slot + OFFSET] = fresh.copyFrom(bytes, offset);
      }
    }
    bytes = fresh;
  }

  private void rebuild(int slots) {
    if (slots > MAX_SLOTS) {
      throw new IllegalStateException("a rank index holds at most " + MAX_SLOTS * 3L / 4 + " users");
    }
    int[] old = table;
    int[] newHandles = new int[mask + 1];
    table = emptyTable(slots);
    mask = slots - 1;
    for (int handle = 0; handle < newHandles.length; handle++) {
      newHandles[handle] = -1;
      if (old[3 * handle + OFFSET] >= 0) {
        int hash = old[3 * handle + HASH];
        int slot = hash & mask;
        while (table[3 * slot + OFFSET] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, 3 * handle, table, 3 * slot, 3);
        newHandles[handle] = slot;
      }
    }
    deleted = 0;
    renumbering.renumber(newHandles);
  }

  private static int[] emptyTable(int slots) {
    int[] table = new int[3 * slots];
    for (int slot = 0; slot < slots; slot++) {
      table[3 * slot + OFFSET] = EMPTY;
    }
    return table;
  }

  private static int slotsFor(int ids) {
    int slots = 16;
    while (slots * 3L < ids * 4L && slots < MAX_SLOTS) {
      slots <<= 1;
    }
    return slots;
  }
}
