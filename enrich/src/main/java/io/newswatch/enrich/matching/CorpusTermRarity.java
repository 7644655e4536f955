package io.newswatch.enrich.matching;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import io.newswatch.enrich.tagging.Document;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Term rarity from document frequencies counted over a sample of articles (a day of the feed is
 * plenty). Terms the sample never saw are rarer than any it saw, and among themselves are ordered by
 * {@link TermRarity#byLength()}, so a name that is not in the sample still beats a seen word.
 */
public final class CorpusTermRarity implements TermRarity {

  private final Map<TextLanguage, Map<String, Integer>> frequencies;
  private final Map<TextLanguage, Integer> documents;

  private CorpusTermRarity(
      Map<TextLanguage, Map<String, Integer>> frequencies, Map<TextLanguage, Integer> documents) {
    this.frequencies = frequencies;
    this.documents = documents;
  }

  /** Counts document frequencies over articles, each analyzed in its resolved language. */
  public static CorpusTermRarity of(Iterable<Document> sample) {
    Map<TextLanguage, Map<String, Integer>> frequencies = new EnumMap<>(TextLanguage.class);
    Map<TextLanguage, Integer> documents = new EnumMap<>(TextLanguage.class);
    for (Document doc : sample) {
      String text = doc.title() + "\n" + doc.body();
      TextLanguage language = TextLanguage.resolve(doc.lang(), text);
      Set<String> distinct = new HashSet<>();
      for (Token token : TextAnalysis.tokens(text, language)) {
        distinct.add(token.term());
      }
      Map<String, Integer> df = frequencies.computeIfAbsent(language, l -> new HashMap<>());
      distinct.forEach(term -> df.merge(term, 1, Integer::sum));
      documents.merge(language, 1, Integer::sum);
    }
    return new CorpusTermRarity(frequencies, documents);
  }

  @Override
  public double documentFrequency(String term, TextLanguage language) {
    int n = documents.getOrDefault(language, 0);
    int df = frequencies.getOrDefault(language, Map.of()).getOrDefault(term, 0);
    if (df > 0) {
      return (df + 0.5) / (n + 1.0);
    }
    // At most 0.5 / (n + 1), below a term seen once (1.5 / (n + 1)): an unseen term always wins.
    return TermRarity.byLength().documentFrequency(term, language) / (n + 1.0);
  }

  /** How many sample articles were counted for a language. */
  public int sampleSize(TextLanguage language) {
    return documents.getOrDefault(language, 0);
  }
}
