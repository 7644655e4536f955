package io.newswatch.enrich.matching;

import io.newswatch.enrich.analysis.TextLanguage;

/**
 * Estimates how many articles contain an analyzed term, so that the matcher files each query under
 * its rarest required term: the rarer the anchor, the fewer articles make the query a candidate.
 *
 * <p>Only the order of the estimates matters. {@link #byLength()} needs no data; {@link
 * CorpusTermRarity} counts document frequencies in a sample of recent articles and is better.
 */
public interface TermRarity {

  /** The estimated fraction of articles containing the term, in (0, 1]; smaller is rarer. */
  double documentFrequency(String term, TextLanguage language);

  /**
   * A heuristic without data: short terms are common (articles, prepositions, stems such as "war"),
   * long ones rare (names, technical words). Each extra character halves the estimate.
   */
  static TermRarity byLength() {
    return (term, language) -> Math.pow(0.5, Math.min(term.codePointCount(0, term.length()), 30));
  }
}
