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

  /** Stems already worked out, per thread and language; at most this many each. */
  private static final int MAX_STEMS = 1 << 16;
  private static final ThreadLocal<Stemmers> STEMMERS = ThreadLocal.withInitial(Stemmers::new);

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
    Stemmers stemmers = STEMMERS.get();
    List<String> out = new ArrayList<>(surfaceTerms.size());
    for (String term : surfaceTerms) {
      out.add(stemmers.stem(term, language));
    }
    return out;
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
      TermInterner interner = TermInterner.forThisThread();
      while (stream.incrementToken()) {
        if (term.length() > 0) {
          out.add(new Token(interner.get(term.buffer(), term.length()), offset.startOffset(), offset.endOffset()));
        }
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string cannot do I/O; reaching here is a Lucene bug.
      throw new UncheckedIOException("analysis of in-memory text failed", e);
    }
    return out;
  }

  /**
   * StandardTokenizer, the word as its reader sees it ({@link VisibleFilter}, in every chain), lower case
   * and ASCII digits ({@link FoldFilter}), Arabic orthographic normalization, light stemming.
   */
  private static final class ArabicChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = FoldFilter.arabic(new VisibleFilter(source));
      stream = new ArabicStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, US acronym, lower case, ASCII digits, Arabic orthographic normalization; no stemming. */
  private static final class ArabicSurfaceChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new AcronymFilter(new VisibleFilter(source));
      stream = FoldFilter.arabic(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** StandardTokenizer, US acronym, possessive removal, lower case, ASCII digits, plurals only (S-stemmer). */
  private static final class EnglishSurfaceChain extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new AcronymFilter(new VisibleFilter(source));
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
      TokenStream stream = new EnglishPossessiveFilter(new VisibleFilter(source));
      stream = new FoldFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  }

  /**
   * One thread's stemmers, a term in and its stem out (the last filter of each language's search
   * chain over a keyword tokenizer), and the stems they have worked out. Held directly rather than
   * through an Analyzer, whose per-call thread-local lookup cost more than the stemming.
   */
  private static final class Stemmers {
    private final List<Map<String, String>> known = List.of(new HashMap<>(), new HashMap<>());
    private final List<RecentWords<String>> recent = List.of(new RecentWords<>(), new RecentWords<>());
    private final Tokenizer[] sources = new Tokenizer[TextLanguage.values().length];
    private final TokenStream[] chains = new TokenStream[sources.length];
    private final CharTermAttribute[] stems = new CharTermAttribute[sources.length];

    String stem(String term, TextLanguage language) {
      int at = language.ordinal();
      String stem = recent.get(at).get(term);
      if (stem != null) {
        return stem;
      }
      Map<String, String> seen = known.get(at);
      stem = seen.get(term);
      if (stem == null) {
        stem = work(term, at, language);
        if (seen.size() < MAX_STEMS) {
          seen.put(term, stem);
        }
      }
      recent.get(at).put(term, stem);
      return stem;
    }

    private String work(String term, int at, TextLanguage language) {
      if (chains[at] == null) {
        sources[at] = new KeywordTokenizer();
        chains[at] = language == TextLanguage.AR ? new ArabicStemFilter(sources[at]) : new PorterStemFilter(sources[at]);
        stems[at] = chains[at].addAttribute(CharTermAttribute.class);
      }
      TokenStream chain = chains[at];
      sources[at].setReader(new java.io.StringReader(term));
      try {
        chain.reset();
        String stem = chain.incrementToken() && stems[at].length() > 0 ? stems[at].toString() : term;
        chain.end();
        return stem.equals(term) ? term : stem;
      } catch (IOException e) {
        throw new UncheckedIOException("stemming an in-memory term failed", e);
      } finally {
        try {
          chain.close();
        } catch (IOException e) {
          throw new UncheckedIOException("closing an in-memory term's stream failed", e);
        }
      }
    }
  }
}
