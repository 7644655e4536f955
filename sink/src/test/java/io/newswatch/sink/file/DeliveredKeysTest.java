package io.newswatch.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveredKeysTest {

  private static String key(int i) {
    return "sub-" + (i % 7) + "|a-" + Integer.toHexString(i) + "-" + i;
  }

  @Test
  void shouldKnowEveryAddedKeyAndNoOtherAcrossGrowth() {
    DeliveredKeys keys = new DeliveredKeys();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      assertThat(keys.add(key(i))).isTrue();
    }
    for (int i = 0; i < n; i += 3) {
      assertThat(keys.add(key(i))).as("added twice").isFalse();
    }
    assertThat(keys.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(keys.contains(key(i))).isTrue();
    }
    for (int i = n; i < 2 * n; i++) {
      assertThat(keys.contains(key(i))).isFalse();
    }
    // 16 bytes a key in a table at most three quarters full: between 21 and 43 bytes a key.
    assertThat(keys.tableBytes() / n).isBetween(21L, 43L);
  }

  @Test
  void shouldTellKeysApartThatDifferOnlyInTheirLastCharacterOrByCase() {
    DeliveredKeys keys = new DeliveredKeys();
    keys.add("desk|a-1");
    assertThat(keys.contains("desk|a-1")).isTrue();
    assertThat(keys.contains("desk|a-2")).isFalse();
    assertThat(keys.contains("Desk|a-1")).isFalse();
    assertThat(keys.contains("")).isFalse();
    assertThat(keys.add("")).isTrue();
    assertThat(keys.contains("")).isTrue();
  }
}
