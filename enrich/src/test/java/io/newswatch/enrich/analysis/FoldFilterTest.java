package io.newswatch.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/**
 * The fused filter writes exactly what Lucene's LowerCaseFilter then DecimalDigitFilter write, with the
 * Persian yeh and kaf as the Arabic letters; its Arabic form also what ArabicNormalizationFilter then
 * writes.
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
    assertThat(run(text, FoldFilter::new)).as("term %s", hex(text)).isEqualTo(lucene);
    String normalized = run(arabicLetters, s -> new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(s))));
    assertThat(run(text, FoldFilter::arabic)).as("Arabic term %s", hex(text)).isEqualTo(normalized);
  }

  private static java.util.List<String> hex(String text) {
    return text.codePoints().mapToObj(Integer::toHexString).toList();
  }

  @Test
  void shouldFoldEveryCharacterOfTheBasicPlaneAsLuceneDoes() throws IOException {
    for (char c = 0; c < 0xFFFF; c++) {
      if (Character.isWhitespace(c)) {
        continue; // the keyword tokenizer keeps it, but a term never holds one
      }
      assertSameAsLucene(String.valueOf(c));
      // After an Arabic prefix that took the fast path, and before one; among characters Arabic
      // normalization rewrites or removes, so that the slow path meets them too.
      assertSameAsLucene("\u0627\u0661" + c + "\u06F2B");
      assertSameAsLucene("\u0623\u064E" + c + "\u0640\u0629");
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
        + "\u0410\u0966\u096F\u212A\uFF21\uFF10\u06CC\u06A9\u06AA"
        // Arabic normalization's: alef with madda or hamza, teh marbuta, alef maksura, tatweel, harakat.
        + "\u0622\u0623\u0625\u0629\u0649\u0640\u064B\u064E\u0650\u0651\u0652\u0653";
    int[] points = pool.codePoints().toArray();
    // Supplementary digits and letters, and lone surrogates.
    int[] extra = {0x1D7CE, 0x10400, 0x1E959, 0xD835, 0xDFCE};
    Random random = new Random(7);
    for (int n = 0; n < 40_000; n++) {
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

  @Test
  void shouldNormalizeArabicSpellingInTheArabicForm() throws IOException {
    // أُسْرَةٌ with its harakat, a tatweel in الـقوات, and إلى: written as the lexicon writes them.
    assertThat(run("\u0623\u064F\u0633\u0652\u0631\u064E\u0629\u064C", FoldFilter::arabic))
        .isEqualTo("\u0627\u0633\u0631\u0647");
    assertThat(run("\u0627\u0644\u0640\u0642\u0648\u0627\u062A", FoldFilter::arabic))
        .isEqualTo("\u0627\u0644\u0642\u0648\u0627\u062A");
    assertThat(run("\u0625\u0644\u0649", FoldFilter::arabic)).isEqualTo("\u0627\u0644\u064A");
    // The plain form leaves the spelling alone.
    assertThat(run("\u0625\u0644\u0649", FoldFilter::new)).isEqualTo("\u0625\u0644\u0649");
  }
}
