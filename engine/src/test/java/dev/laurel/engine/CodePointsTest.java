package dev.laurel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodePointsTest {
  @Test
  void strings_compare_as_their_utf8_bytes_do() {
    List<String> ids = new ArrayList<>(List.of("\uD83D\uDE00", "\uFFFD", "user_1", "user-10", "User2", "user", "", "é"));
    ids.sort(CodePoints::compare);
    // U+1F600 (a surrogate pair from U+D83D) after U+FFFD, unlike String.compareTo; a prefix first.
    assertThat(ids).containsExactly("", "User2", "user", "user-10", "user_1", "é", "\uFFFD", "\uD83D\uDE00");
    assertThat(CodePoints.compare("abc", "abc")).isZero();
  }
}
