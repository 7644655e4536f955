package io.newswatch.enrich.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The Lucene analyzer chains for Arabic and English, and a helper that runs them into {@link Token}s.
 *
 * <p>Neither chain removes stop words: rule phrases then match word for word and proximity counts
 * every word, which keeps the taxonomy predictable. No char filter is used, so offsets always point
 * into the original text. Analyzers are thread-safe and shared.
 */
public final class TextAnalysis {

  private static final Analyzer ARABIC = new ArabicChain();
  private static final Analyzer ENGLISH = new EnglishChain();

  private TextAnalysis() {}

  /** The analyzer for a language. */
  public static Analyzer analyzer(TextLanguage language) {
    return language == TextLanguage.AR ? ARABIC : ENGLISH;
  }

  /** Analyzes text into terms with their original offsets. */
  public static List<Token> tokens(String text, TextLanguage language) {
    List<Token> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    try (TokenStream stream = analyzer(language).tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.length() > 0) {
          out.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
        }
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string cannot do I/O; reaching here is a Lucene bug.
      throw new UncheckedIOException("analysis of in-memory text failed", e);
    }
    return out;
  }

  /** StandardTokenizer, lower case, ASCII digits, Arabic orthographic normalization, light stemming. */
  private static final class ArabicChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new LowerCaseFilter(source);
      stream = new DecimalDigitFilter(stream);
      stream = new ArabicNormalizationFilter(stream);
      stream = new ArabicStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, possessive removal, lower case, Porter stemming (EnglishAnalyzer minus stop words). */
  private static final class EnglishChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new EnglishPossessiveFilter(source);
      stream = new LowerCaseFilter(stream);
      stream = new DecimalDigitFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }
}
