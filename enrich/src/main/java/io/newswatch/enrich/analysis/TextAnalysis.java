package io.newswatch.enrich.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The Lucene analyzer chains for Arabic and English, and helpers that run them into {@link Token}s.
 *
 * <p>Two kinds of chain. The <em>search</em> chains ({@link #tokens}) stem (Arabic light stemming,
 * Porter), so that a desk's free-text query "deploy" finds "deployed". The <em>surface</em> chains
 * ({@link #surfaceTokens}) only normalize (case, digits, Arabic orthography, English plurals and
 * possessives, the US acronym): the taxonomy tagger and dedup read words as written, because
 * stemming makes words collide that a topic must keep apart (Arabic قوية "strong" and قوات "forces"
 * share the light stem قو; Porter makes "armed" of "nuclear-armed" into "arm" of "arms"). Arabic
 * clitics are handled by the tagger's lexicon instead ({@link ArabicAffixes}).
 *
 * <p>No chain removes stop words: rule phrases then match word for word and proximity counts every
 * word. No char filter is used, so offsets always point into the original text. Analyzers are
 * thread-safe and shared.
 */
public final class TextAnalysis {

  private static final Analyzer ARABIC = new ArabicChain();
  private static final Analyzer ENGLISH = new EnglishChain();
  private static final Analyzer ARABIC_SURFACE = new ArabicSurfaceChain();
  private static final Analyzer ENGLISH_SURFACE = new EnglishSurfaceChain();

  private static final Analyzer ARABIC_STEM = new StemOnlyChain(TextLanguage.AR);
  private static final Analyzer ENGLISH_STEM = new StemOnlyChain(TextLanguage.EN);
  /** Stems already worked out, per thread and language; at most this many each. */
  private static final int MAX_STEMS = 1 << 16;
  @SuppressWarnings("unchecked")
  private static final ThreadLocal<Map<String, String>[]> STEMS =
      ThreadLocal.withInitial(() -> new Map[] {new HashMap<>(), new HashMap<>()});

  private TextAnalysis() {}

  /** The analyzer for a language. */
  public static Analyzer analyzer(TextLanguage language) {
    return language == TextLanguage.AR ? ARABIC : ENGLISH;
  }

  /** Analyzes text into stemmed (search) terms with their original offsets. */
  public static List<Token> tokens(String text, TextLanguage language) {
    return run(analyzer(language), text);
  }

  /**
   * Analyzes text into normalized, unstemmed terms with their original offsets; sentences glued by a
   * full stop ("rounds.The") are split first, see {@link Sentences#unglued}.
   */
  public static List<Token> surfaceTokens(String text, TextLanguage language) {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    return run(language == TextLanguage.AR ? ARABIC_SURFACE : ENGLISH_SURFACE, Sentences.unglued(text));
  }

  /**
   * The stems of surface terms ({@link #surfaceTokens}): each term through the stemmer of the search
   * chain alone (Arabic light stemming, Porter). Stemming a word does not depend on its neighbours, so
   * an article analyzed once for tagging gives its stems without a second analysis; a word's stem is
   * worked out once per thread (the first {@value #MAX_STEMS} words each language meets are kept).
   */
  public static List<String> stems(List<String> surfaceTerms, TextLanguage language) {
    Map<String, String> known = STEMS.get()[language.ordinal()];
    Analyzer stemmer = language == TextLanguage.AR ? ARABIC_STEM : ENGLISH_STEM;
    List<String> out = new ArrayList<>(surfaceTerms.size());
    for (String term : surfaceTerms) {
      String stem = known.get(term);
      if (stem == null) {
        stem = stem(stemmer, term);
        if (known.size() < MAX_STEMS) {
          known.put(term, stem);
        }
      }
      out.add(stem);
    }
    return out;
  }

  private static String stem(Analyzer stemmer, String term) {
    try (TokenStream stream = stemmer.tokenStream("term", term)) {
      CharTermAttribute attribute = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      String stem = stream.incrementToken() && attribute.length() > 0 ? attribute.toString() : term;
      stream.end();
      return stem.equals(term) ? term : stem;
    } catch (IOException e) {
      throw new UncheckedIOException("stemming an in-memory term failed", e);
    }
  }

  private static List<Token> run(Analyzer analyzer, String text) {
    List<Token> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.length() > 0) {
          out.add(new Token(TermInterner.intern(term.buffer(), term.length()), offset.startOffset(), offset.endOffset()));
        }
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string cannot do I/O; reaching here is a Lucene bug.
      throw new UncheckedIOException("analysis of in-memory text failed", e);
    }
    return out;
  }

  /** StandardTokenizer, lower case and ASCII digits ({@link FoldFilter}), Arabic orthographic normalization, light stemming. */
  private static final class ArabicChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new FoldFilter(source);
      stream = new ArabicNormalizationFilter(stream);
      stream = new ArabicStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, US acronym, lower case, ASCII digits, Arabic orthographic normalization; no stemming. */
  private static final class ArabicSurfaceChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new AcronymFilter(source);
      stream = new FoldFilter(stream);
      stream = new ArabicNormalizationFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, US acronym, possessive removal, lower case, ASCII digits, plurals only (S-stemmer). */
  private static final class EnglishSurfaceChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new AcronymFilter(source);
      stream = new EnglishPossessiveFilter(stream);
      stream = new FoldFilter(stream);
      stream = new EnglishMinimalStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, possessive removal, lower case, Porter stemming (EnglishAnalyzer minus stop words). */
  private static final class EnglishChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new EnglishPossessiveFilter(source);
      stream = new FoldFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** One whole term in, its stem out: the last filter of the search chain of a language. */
  private static final class StemOnlyChain extends Analyzer {
    private final TextLanguage language;

    StemOnlyChain(TextLanguage language) {
      this.language = language;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new KeywordTokenizer();
      TokenStream stream = language == TextLanguage.AR ? new ArabicStemFilter(source) : new PorterStemFilter(source);
      return new TokenStreamComponents(source, stream);
    }
  }
}
