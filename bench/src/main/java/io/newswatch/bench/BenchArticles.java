package io.newswatch.bench;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.util.List;

/** The articles a JMH benchmark cycles through, one per invocation, so no single text is favoured. */
final class BenchArticles {

  /** Enough variants that branch predictors and caches cannot learn one article. */
  static final int COUNT = 64;
  static final long SEED = 7L;

  private final List<Document> docs;
  private int next;

  BenchArticles(String languageCode) {
    TextLanguage language = TextLanguage.ofCode(languageCode);
    if (language == null) {
      throw new IllegalArgumentException("unknown language " + languageCode + "; use ar or en");
    }
    this.docs = BenchCorpus.articles(language, COUNT, SEED);
  }

  List<Document> all() {
    return docs;
  }

  Document next() {
    Document doc = docs.get(next);
    next = (next + 1) % docs.size();
    return doc;
  }
}
