package dev.laurel.engine.achievement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ACH-13: rarity is 100 × completions / users, rounded half-up to 2 decimals. */
class RarityTest {
  @Test
  void ach13_rarity_table() {
    long[][] cases = {{8, 10}, {1, 3}, {2, 3}, {1, 800}, {1, 1600}, {0, 5}, {3, 0}, {7, 7}};
    String[] expected = {"80", "33.33", "66.67", "0.13", "0.06", "0", "0", "100"};
    for (int i = 0; i < cases.length; i++) {
      assertThat(Rarity.of(cases[i][0], cases[i][1]).toPlainString()).as("%s of %s", cases[i][0], cases[i][1]).isEqualTo(expected[i]);
    }
  }
}
