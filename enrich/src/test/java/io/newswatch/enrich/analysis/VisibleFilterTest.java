package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** Invisible characters out of a word, presentation forms and ligatures as their letters. */
class VisibleFilterTest {

  /** The filter's term for {@code text} as one token, or null when it drops the term. */
  private static String run(String text) throws IOException {
    Tokenizer source = new KeywordTokenizer();
    source.setReader(new StringReader(text));
    try (TokenStream stream = new VisibleFilter(source)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      String out = stream.incrementToken() ? term.toString() : null;
      stream.end();
      return out;
    }
  }

  /** What the filter is defined to do, written the slow and obvious way. */
  private static String expected(String text) {
    StringBuilder visible = new StringBuilder();
    text.chars().filter(c -> !VisibleFilter.isInvisibleFormat((char) c)).forEach(c -> visible.append((char) c));
    String out = visible.toString();
    if (out.chars().anyMatch(c -> VisibleFilter.isCompatibilityForm((char) c))) {
      out = Normalizer.normalize(out, Normalizer.Form.NFKC).codePoints().filter(c -> !Character.isWhitespace(c))
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
    return out.isEmpty() ? null : out;
  }

  @Test
  void shouldFollowItsDefinitionForEveryCharacterOfTheBasicPlane() throws IOException {
    for (char c = 1; c < 0xFFFF; c++) {
      if (Character.isWhitespace(c) || Character.isSurrogate(c)) {
        continue; // the keyword tokenizer keeps whitespace, but a term never holds one
      }
      for (String text : List.of(String.valueOf(c), "\u0627\u0644" + c + "B", "U" + c)) {
        assertThat(run(text)).as("term %s", text.codePoints().mapToObj(Integer::toHexString).toList())
            .isEqualTo(expected(text));
      }
    }
  }

  @Test
  void shouldReadWordsAsTheirReaderSeesThem() throws IOException {
    assertThat(run("Demili\u00ADtarized")).isEqualTo("Demilitarized");
    assertThat(run("\u0627\u0644\u062E\u0637\u200F")).isEqualTo("\u0627\u0644\u062E\u0637");
    assertThat(run("\u0627\u0644\u0645\u0646\u0632\u200C\u0648\u0639\u0629"))
        .isEqualTo("\u0627\u0644\u0645\u0646\u0632\u0648\u0639\u0629");
    // خط in isolated presentation forms: KHAH U+FEA5, TAH U+FEC1; lam-alef as one form is two letters.
    assertThat(run("\uFEA5\uFEC1")).isEqualTo("\u062E\u0637");
    assertThat(run("\uFEFB")).isEqualTo("\u0644\u0627");
    assertThat(run("\uFB01nal")).isEqualTo("final");
    // An isolated fatha (U+FE76) decomposes to a space and the mark: the space is no part of the word.
    assertThat(run("\uFEDB\uFE76\uFEEE\uFEAD\uFEF3\uFE8E")).isEqualTo("\u0643\u064E\u0648\u0631\u064A\u0627");
    assertThat(run("\u200F")).isNull();
  }

  @Test
  void shouldCleanAWordBeforeTheFiltersThatReadItsShape() {
    // A direction mark after "US" or after a possessive hid them from the acronym and possessive filters.
    assertThat(TextAnalysis.surfaceTokens("US\u200F troops", TextLanguage.EN).getFirst().term())
        .isEqualTo(AcronymFilter.UNITED_STATES);
    assertThat(TextAnalysis.surfaceTokens("Pyongyang\u2019s\u200F soldiers", TextLanguage.EN).getFirst().term())
        .isEqualTo("pyongyang");
    assertThat(TextAnalysis.surfaceTokens("\uFEDB\uFE76\uFEEE\uFEAD\uFEF3\uFE8E", TextLanguage.AR).getFirst().term())
        .isEqualTo("\u0643\u0648\u0631\u064A\u0627");
  }
}
