package dev.laurel.engine.leaderboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * User ids stored once, as length-prefixed UTF-8 in one byte array, addressed by an int handle.
 * Each handle has two ints side by side in {@code slots}, so that one cache miss yields both: the
 * start of its id (or, for a released handle, the next free handle encoded as {@code -2 - next})
 * and where its entry is ({@link #NO_LOCATION} if nowhere), which {@link BlockSequence} encodes
 * and maintains. Released bytes stay as garbage until they make up half of the arena,
 * then the live ids are copied into a fresh arena (amortised O(1) per release).
 */
final class IdArena {
  static final int NO_LOCATION = -1;
  private static final int NO_HANDLE = -1;

  private byte[] bytes;
  private int end;
  private int garbage;
  private int[] slots;
  private int handleEnd;
  private int freeHead = NO_HANDLE;
  private int live;

  IdArena(int expectedIds, int expectedBytes) {
    slots = new int[2 * Math.max(expectedIds, 8)];
    bytes = new byte[Math.max(expectedBytes, 64)];
  }

  int size() {
    return live;
  }

  /** Handles are below this bound. */
  int handleEnd() {
    return handleEnd;
  }

  boolean isLive(int handle) {
    return slots[2 * handle] >= 0;
  }

  int location(int handle) {
    return slots[2 * handle + 1];
  }

  void setLocation(int handle, int location) {
    slots[2 * handle + 1] = location;
  }

  int add(byte[] id, int length) {
    int needed = varintLength(length) + length;
    if (end + needed > bytes.length) {
      makeRoom(needed);
    }
    int handle = newHandle();
    slots[2 * handle] = end;
    slots[2 * handle + 1] = NO_LOCATION;
    end = writeVarint(length, end);
    System.arraycopy(id, 0, bytes, end, length);
    end += length;
    live++;
    return handle;
  }

  void release(int handle) {
    int start = slots[2 * handle];
    garbage += dataEnd(start) - start;
    slots[2 * handle] = -2 - freeHead;
    freeHead = handle;
    live--;
  }

  boolean equals(int handle, byte[] id, int length) {
    int offset = slots[2 * handle];
    return Arrays.equals(bytes, dataStart(offset), dataEnd(offset), id, 0, length);
  }

  /** Unsigned byte order of the UTF-8 ids, which is Unicode code point order. */
  int compare(int a, int b) {
    int offsetA = slots[2 * a];
    int offsetB = slots[2 * b];
    return Arrays.compareUnsigned(
        bytes, dataStart(offsetA), dataEnd(offsetA), bytes, dataStart(offsetB), dataEnd(offsetB));
  }

  int hash(int handle) {
    int offset = slots[2 * handle];
    return Utf8.hash(bytes, dataStart(offset), dataEnd(offset));
  }

  String decode(int handle) {
    int offset = slots[2 * handle];
    int start = dataStart(offset);
    return new String(bytes, start, dataEnd(offset) - start, StandardCharsets.UTF_8);
  }

  /** Drops spare capacity and garbage, as after a bulk load. */
  void trimToSize() {
    compact(end - garbage);
    slots = Arrays.copyOf(slots, 2 * Math.max(handleEnd, 8));
  }

  long footprintBytes() {
    return bytes.length + 4L * slots.length;
  }

  private int newHandle() {
    if (freeHead != NO_HANDLE) {
      int handle = freeHead;
      freeHead = -2 - slots[2 * handle];
      return handle;
    }
    if (handleEnd == Block.MAX_HANDLES) {
      throw new IllegalStateException("a rank index holds at most " + Block.MAX_HANDLES + " users");
    }
    if (2 * handleEnd == slots.length) {
      slots = Arrays.copyOf(slots, 2 * (handleEnd + (handleEnd >> 1)));
    }
    return handleEnd++;
  }

  private void makeRoom(int needed) {
    int liveBytes = end - garbage;
    if (garbage >= end / 2) {
      compact(Math.max(liveBytes + needed, liveBytes + (liveBytes >> 2)));
    } else {
      bytes = Arrays.copyOf(bytes, Math.max(end + needed, bytes.length + (bytes.length >> 1)));
    }
  }

  private void compact(int capacity) {
    byte[] fresh = new byte[Math.max(capacity, 64)];
    int at = 0;
    for (int handle = 0; handle < handleEnd; handle++) {
      int offset = slots[2 * handle];
      if (offset >= 0) {
        int length = dataEnd(offset) - offset;
        System.arraycopy(bytes, offset, fresh, at, length);
        slots[2 * handle] = at;
        at += length;
      }
    }
    bytes = fresh;
    end = at;
    garbage = 0;
  }

  private int dataStart(int offset) {
    return bytes[offset] >= 0 ? offset + 1 : offset + varintLength(readVarint(offset));
  }

  private int dataEnd(int offset) {
    byte first = bytes[offset];
    return first >= 0 ? offset + 1 + first : dataEndOfLongId(offset);
  }

  private int dataEndOfLongId(int offset) {
    int length = readVarint(offset);
    return offset + varintLength(length) + length;
  }

  private int readVarint(int offset) {
    int value = 0;
    int shift = 0;
    byte b;
    do {
      b = bytes[offset++];
      value |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return value;
  }

  private int writeVarint(int value, int offset) {
    while (value >= 0x80) {
      bytes[offset++] = (byte) (value | 0x80);
      value >>>= 7;
    }
    bytes[offset++] = (byte) value;
    return offset;
  }

  private static int varintLength(int value) {
    return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;
  }
}
