package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.text.Normalizer;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * The fused filter writes exactly what Lucene's LowerCaseFilter then DecimalDigitFilter write, after
 * taking out invisible format characters, decomposing presentation forms and ligatures (NFKC) and
 * writing the Persian yeh and kaf as the Arabic letters.
 */
class FoldFilterTest {

  private static String run(String text, Function<TokenStream, TokenStream> chain) throws IOException {
    Tokenizer source = new KeywordTokenizer();
    source.setReader(new StringReader(text));
    try (TokenStream stream = chain.apply(source)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      String out = stream.incrementToken() ? term.toString() : null;
      stream.end();
      return out;
    }
  }

  /** What the filter is defined to do, written the slow and obvious way. */
  private static String expected(String text) throws IOException {
    StringBuilder visible = new StringBuilder();
    text.chars().filter(c -> !FoldFilter.isInvisibleFormat((char) c)).forEach(c -> visible.append((char) c));
    String folded = visible.toString();
    if (folded.chars().anyMatch(c -> FoldFilter.isCompatibilityForm((char) c))) {
      folded = Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
    folded = folded.replace('\u06CC', '\u064A').replace('\u06A9', '\u0643').replace('\u06AA', '\u0643');
    return folded.isEmpty() ? null : run(folded, s -> new DecimalDigitFilter(new LowerCaseFilter(s)));
  }

  private static void assertSameAsLucene(String text) throws IOException {
    String lucene = expected(text);
    assertThat(run(text, FoldFilter::new)).as("term %s", text.codePoints()
        .mapToObj(Integer::toHexString).toList()).isEqualTo(lucene);
  }

  @Test
  void shouldFoldEveryCharacterOfTheBasicPlaneAsLuceneDoes() throws IOException {
    for (char c = 1; c < 0xFFFF; c++) {
      if (Character.isWhitespace(c)) {
        continue; // the keyword tokenizer keeps it, but a term never holds one
      }
      assertSameAsLucene(String.valueOf(c));
      // After an Arabic prefix that took the fast path, and before one.
      assertSameAsLucene("\u0627\u0661" + c + "\u06F2B");
    }
  }

  @Test
  void shouldFoldSupplementaryDigitsAndLettersAsLuceneDoes() throws IOException {
    // Mathematical bold digit zero, Deseret capital letter long I, Adlam digit nine.
    for (String s : new String[] {"\uD835\uDFCE", "\uD801\uDC00", "\uD83A\uDD59", "\u0661\uD835\uDFCF\u0662AB"}) {
      assertSameAsLucene(s);
    }
  }

  @Test
  void shouldFoldRandomTermsOfMixedScriptsAsLuceneDoes() throws IOException {
    String pool = "AZaz09\u0627\u0644\u0661\u0669\u06F0\u06F9\u0600\u06FF\u00C0\u00DF\u0130\u0391\u03A3"
        + "\u0410\u0966\u096F\u212A\uFF21\uFF10\u06CC\u06A9\u00AD\u200F\u061C\uFEA5\uFEFB\uFB01\uFBFD";
    int[] points = pool.codePoints().toArray();
    int[] extra = {0x1D7CE, 0x10400, 0x1E959};
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder term = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int i = 0; i < length; i++) {
        term.appendCodePoint(random.nextInt(20) == 0 ? extra[random.nextInt(extra.length)]
            : points[random.nextInt(points.length)]);
      }
      assertSameAsLucene(term.toString());
    }
  }

  @Test
  void shouldReadWordsAsTheirReaderSeesThem() throws IOException {
    // A soft hyphen and a right-to-left mark inside words, a word typed with Persian letters, a word
    // copied out of a PDF in presentation forms, a Latin ligature.
    assertThat(run("Demili\u00ADtarized", FoldFilter::new)).isEqualTo("demilitarized");
    assertThat(run("\u0627\u0644\u062E\u0637\u200F", FoldFilter::new)).isEqualTo("\u0627\u0644\u062E\u0637");
    assertThat(run("\u0627\u0644\u0645\u0646\u0632\u200C\u0648\u0639\u0629", FoldFilter::new))
        .isEqualTo("\u0627\u0644\u0645\u0646\u0632\u0648\u0639\u0629");
    assertThat(run("\u062C\u0646\u062F\u06CC \u06A9\u0648\u0631\u06CC", s -> new FoldFilter(s)))
        .isEqualTo("\u062C\u0646\u062F\u064A \u0643\u0648\u0631\u064A");
    // خط in isolated presentation forms: KHAH U+FEA5, TAH U+FEC1.
    assertThat(run("\uFEA5\uFEC1", FoldFilter::new)).isEqualTo("\u062E\u0637");
    assertThat(run("\uFB01nal", FoldFilter::new)).isEqualTo("final");
    // Lam-alef as one presentation form is two letters.
    assertThat(run("\uFEFB", FoldFilter::new)).isEqualTo("\u0644\u0627");
    assertThat(run("\u200F", FoldFilter::new)).isNull();
  }
}
