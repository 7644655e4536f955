package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

  private static List<String> split(String text) {
    int[] starts = Sentences.starts(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      int end = i + 1 < starts.length ? starts[i + 1] : text.length();
      out.add(text.substring(starts[i], end).strip());
    }
    return out;
  }

  @Test
  void shouldEndSentencesAtFullStopsQuestionMarksAndLineBreaks() {
    assertThat(split("Troops crossed. Were they armed? Nobody knows!\nA new line"))
        .containsExactly("Troops crossed.", "Were they armed?", "Nobody knows!", "A new line");
  }

  @Test
  void shouldNotEndAtAbbreviationsInitialsOrTheUsAcronym() {
    assertThat(split("Gen. Park met Lloyd J. Austin in the U.S. capital on Sept. 19. Then he left."))
        .containsExactly("Gen. Park met Lloyd J. Austin in the U.S. capital on Sept. 19.", "Then he left.");
  }

  @Test
  void shouldEndArabicSentencesAtFullStopAndArabicQuestionMark() {
    assertThat(split("عبر الجنود الحدود. هل أطلقوا النار؟ لم يعرف أحد"))
        .containsExactly("عبر الجنود الحدود.", "هل أطلقوا النار؟", "لم يعرف أحد");
  }

  @Test
  void shouldSplitSentencesAPageGluedTogether() {
    String text = "shells were sent.The ministry said so. قالت الوزارة ذلك.وأضافت أن";
    assertThat(split(text)).containsExactly("shells were sent.", "The ministry said so.", "قالت الوزارة ذلك.",
        "وأضافت أن");
    String unglued = Sentences.unglued(text);
    assertThat(unglued).hasSameSizeAs(text).contains("sent The").contains("ذلك وأضافت");
  }

  @Test
  void shouldKeepDottedAcronymsAndDecimalsTogether() {
    assertThat(Sentences.unglued("U.S. forces and 3.5 km")).isEqualTo("U.S. forces and 3.5 km");
  }

  @Test
  void shouldStartASentenceAtEachBulletAndEndOneAtAnHtmlBreakOrBlockTag() {
    assertThat(split("Week: • Troops crossed the MDL.<br>• Soldiers were sent to Russia.<BR/>• A fair opened"))
        .containsExactly("Week:", "• Troops crossed the MDL.<br>", "• Soldiers were sent to Russia.<BR/>",
            "• A fair opened");
    // Every break or block tag ends a sentence, opening ones too: a tag then stands alone.
    assertThat(split("First item</p><p class=\"x\">Second item</li>Third")).containsExactly("First item</p>",
        "<p class=\"x\">", "Second item</li>", "Third");
    // Not a break: inline tags, a longer tag name, a lone angle bracket.
    assertThat(split("A <b>bold</b> claim, <bra> and 3 < 4 hold")).hasSize(1);
  }
}
