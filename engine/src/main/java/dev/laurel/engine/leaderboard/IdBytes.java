package dev.laurel.engine.leaderboard;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * User ids as length-prefixed UTF-8, appended to one byte array and named by their offset in it.
 * Released ids stay as garbage until their owner copies the live ones into a fresh instance.
 */
final class IdBytes {
  private byte[] bytes;
  private int end;
  private int garbage;

  IdBytes(int expectedBytes) {
    bytes = new byte[Math.max(expectedBytes, 64)];
  }

  /** Bytes in use, garbage included. */
  int end() {
    return end;
  }

  int garbage() {
    return garbage;
  }

  boolean fits(int length) {
    return end + varintLength(length) + length <= bytes.length;
  }

  /** Appends an id, growing the array if it does not fit; returns its offset. */
  int append(byte[] id, int from, int length) {
    int needed = varintLength(length) + length;
    if (end + needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(end + needed, bytes.length + (bytes.length >> 1)));
    }
    int offset = end;
    end = writeVarint(length, end);
    System.arraycopy(id, from, bytes, end, length);
    end += length;
    return offset;
  }

  /** Appends the id at {@code offset} of {@code source}; returns its offset here. */
  int copyFrom(IdBytes source, int offset) {
    int start = source.dataStart(offset);
    return append(source.bytes, start, source.dataEnd(offset) - start);
  }

  void release(int offset) {
    garbage += dataEnd(offset) - offset;
  }

  boolean equals(int offset, byte[] id, int length) {
    return Arrays.equals(bytes, dataStart(offset), dataEnd(offset), id, 0, length);
  }

  /** Unsigned byte order of the UTF-8 ids, which is Unicode code point order. */
  int compare(int a, int b) {
    return Arrays.compareUnsigned(bytes, dataStart(a), dataEnd(a), bytes, dataStart(b), dataEnd(b));
  }

  int hash(int offset) {
    return Utf8.hash(bytes, dataStart(offset), dataEnd(offset));
  }

  String decode(int offset) {
    int start = dataStart(offset);
    return new String(bytes, start, dataEnd(offset) - start, StandardCharsets.UTF_8);
  }

  long footprintBytes() {
    return 16L + bytes.length;
  }

  private int dataStart(int offset) {
    return bytes[offset] >= 0 ? offset + 1 : offset + varintLength(readVarint(offset));
  }

  private int dataEnd(int offset) {
    byte first = bytes[offset];
    if (first >= 0) {
      return offset + 1 + first;
    }
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
