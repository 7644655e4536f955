package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentences an article is cut into, and which of them repeat an earlier one. */
class AnalyzedTextTest {

  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();

  private static List<Boolean> repeated(String title, String body) {
    AnalyzedText text = new AnalyzedText(new Document("x", title, body, "und"), TAXONOMY);
    return text.sentences().stream().map(AnalyzedText.Sentence::repeated).toList();
  }

  @Test
  void shouldMarkASentenceThatRepeatsAnEarlierOneWordForWordInEitherField() {
    // The headline printed again as the first line of the body, and a caption printed twice.
    assertThat(repeated("Troops sent to Russia", "Troops sent to Russia. Officials said more would follow. "
        + "Photo: soldiers at a station. Officials said more would follow."))
        .containsExactly(false, true, false, false, true);
  }

  @Test
  void shouldCompareWordsNotCharactersAndLeaveShortSentencesAlone() {
    // Case and punctuation are not words; one word more or less is another sentence; "Yes." twice is no repeat.
    assertThat(repeated("", "Troops were sent. TROOPS, were sent! Troops were sent again. Yes. Yes."))
        .containsExactly(false, true, false, false, false);
    assertThat(repeated("", "قالت الوزارة إن القوات وصلت. وقالت الوزارة إن القوات وصلت. قالت الوزارة إن القوات وصلت."))
        .containsExactly(false, false, true);
  }

  @Test
  void shouldGiveEveryTokenItsSentenceAndField() {
    AnalyzedText text = new AnalyzedText(new Document("x", "A short title", "First one here. Second one here.", "en"),
        TAXONOMY);
    assertThat(text.size()).isEqualTo(9);
    assertThat(text.sentences()).hasSize(3);
    for (int i = 0; i < text.size(); i++) {
      AnalyzedText.Sentence s = text.sentence(text.sentenceOf(i));
      assertThat(i).isBetween(s.firstToken(), s.lastToken());
      assertThat(text.field(i)).isEqualTo(s.field());
    }
    assertThat(text.field(0)).isEqualTo(AnalyzedText.TITLE);
    assertThat(text.field(8)).isEqualTo(AnalyzedText.BODY);
  }
}
