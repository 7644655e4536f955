package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
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
 * The fused filter writes exactly what Lucene's LowerCaseFilter then DecimalDigitFilter write, with the
 * Persian yeh and kaf as the Arabic letters.
 */
class FoldFilterTest {

  private static String run(String text, Function<TokenStream, TokenStream> chain) throws IOException {
    Tokenizer source = new KeywordTokenizer();
    source.setReader(new StringReader(text));
    try (TokenStream stream = chain.apply(source)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      assertThat(stream.incrementToken()).isTrue();
      String out = term.toString();
      stream.end();
      return out;
    }
  }

  private static void assertSameAsLucene(String text) throws IOException {
    String arabicLetters = text.replace('\u06CC', '\u064A').replace('\u06A9', '\u0643').replace('\u06AA', '\u0643');
    String lucene = run(arabicLetters, s -> new DecimalDigitFilter(new LowerCaseFilter(s)));
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
        + "\u0410\u0966\u096F\u212A\uFF21\uFF10\u06CC\u06A9\u06AA";
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
  void shouldWriteThePersianYehAndKafAsTheArabicLetters() throws IOException {
    assertThat(run("\u062C\u0646\u062F\u06CC \u06A9\u0648\u0631\u06CC", FoldFilter::new))
        .isEqualTo("\u062C\u0646\u062F\u064A \u0643\u0648\u0631\u064A");
    // After a character that takes the slow path too.
    assertThat(run("\u00C9\u06CC\u06A9", FoldFilter::new)).isEqualTo("\u00E9\u064A\u0643");
  }
}
