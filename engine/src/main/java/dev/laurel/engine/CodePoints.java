package dev.laurel.engine;

/**
 * Code point order of strings: the order of UTF-8 bytes, so of PostgreSQL's {@code "C"} collation
 * and of the rank index's user ids. {@link String#compareTo} compares UTF-16 units instead, which
 * puts a character beyond U+FFFF (a surrogate pair from U+D800) before U+E000–U+FFFF.
 */
public final class CodePoints {
  private CodePoints() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
