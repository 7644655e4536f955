package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAlignmentTest {

  @Test
  void shouldMapCleanedTextBackToTheFileWhenLinesWereDroppedAndSpacesCollapsed() {
    String file = "Menu | Home\n\nHeadline here\n\nFirst   sentence of   the body.\nShare";
    TextAlignment alignment = new TextAlignment(file);
    int[] title = alignment.align("Headline here");
    int[] body = alignment.align("First sentence of the body.");

    int[] headline = TextAlignment.range(title, 0, "Headline".length());
    assertThat(file.substring(headline[0], headline[1])).isEqualTo("Headline");
    int start = "First sentence of ".length();
    int[] word = TextAlignment.range(body, start, start + "the".length());
    assertThat(file.substring(word[0], word[1])).isEqualTo("the");
    int[] whole = TextAlignment.range(body, 0, body.length - 1);
    assertThat(file.substring(whole[0], whole[1])).isEqualTo("First   sentence of   the body.");
  }

  @Test
  void shouldGiveMinusOneWhenTheTextIsNotInTheFile() {
    TextAlignment alignment = new TextAlignment("something else");
    int[] map = alignment.align("not there");
    assertThat(TextAlignment.range(map, 0, 3)).containsExactly(-1, -1);
  }
}
