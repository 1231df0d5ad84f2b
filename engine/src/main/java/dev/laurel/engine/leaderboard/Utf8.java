package dev.laurel.engine.leaderboard;

/** Strict UTF-8 encoding of user ids into a reusable buffer: a lone surrogate is rejected. */
final class Utf8 {
  static final int MAX_BYTES_PER_CHAR = 3;

  private Utf8() {}

  /**
   * Encodes {@code s} into {@code out}, which must hold {@code 3 * s.length()} bytes.
   *
   * @return the number of bytes written
   */
  static int encode(String s, byte[] out) {
    int n = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | c >> 6);
        out[n++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        out[n++] = (byte) (0xE0 | c >> 12);
        out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | c & 0x3F);
      } else {
        int cp = codePointAt(s, i);
        i++;
        out[n++] = (byte) (0xF0 | cp >> 18);
        out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[n++] = (byte) (0x80 | cp & 0x3F);
      }
    }
    return n;
  }

  private static int codePointAt(String s, int i) {
    char high = s.charAt(i);
    if (Character.isHighSurrogate(high) && i + 1 < s.length()) {
      char low = s.charAt(i + 1);
      if (Character.isLowSurrogate(low)) {
        return Character.toCodePoint(high, low);
      }
    }
    throw new IllegalArgumentException("user id must be valid UTF-16, got a lone surrogate at " + i);
  }

  static int hash(byte[] bytes, int from, int to) {
    int h = 0x9E3779B9;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ h >>> 16;
  }
}
