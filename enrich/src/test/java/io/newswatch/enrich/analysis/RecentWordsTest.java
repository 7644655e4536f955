package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentWordsTest {

  @Test
  void shouldAnswerOnlyForTheSameWordInstanceUntilAnotherTakesItsSlot() {
    RecentWords<String> recent = new RecentWords<>();
    String word = new String("القوات");
    assertThat(recent.get(word)).isNull();
    recent.put(word, "قوات");
    assertThat(recent.get(word)).isEqualTo("قوات");
    assertThat(recent.get(new String("القوات"))).as("equal text, another instance").isNull();
    // Two words whose hashes share the low 12 bits share a slot: the later one replaces the earlier.
    String other = "Aa".repeat(3);
    String clash = "BB".repeat(3);
    assertThat(other.hashCode()).isEqualTo(clash.hashCode());
    recent.put(other, "first");
    recent.put(clash, "second");
    assertThat(recent.get(clash)).isEqualTo("second");
    assertThat(recent.get(other)).isNull();
  }
}
