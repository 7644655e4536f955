package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.List;

/** A compiled rule condition, evaluated against an analyzed article into the matches it finds. */
sealed interface Expr permits TermsExpr, RegexExpr, CooccurExpr, AllExpr, AnyExpr, NotExpr {

  /** Every match in the article; empty when the condition does not hold. */
  List<Match> evaluate(AnalyzedText text);

  /** Whether the condition can point at text; a condition made only of negations cannot. */
  boolean positive();

  /** Whether the condition can ever hold on an article in {@code language}. */
  boolean reachable(TextLanguage language);

  /**
   * A rough relative cost of evaluating the condition on an article, to check cheap conditions
   * first: a word list is a lookup per phrase in the article's postings, a pattern scans the text.
   */
  int cost();
}
