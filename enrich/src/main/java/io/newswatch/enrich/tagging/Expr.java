package io.newswatch.enrich.tagging;

import java.util.List;

/** A compiled rule condition, evaluated against an analyzed article into the matches it finds. */
sealed interface Expr permits TermsExpr, RegexExpr, NearExpr, AllExpr, AnyExpr, NotExpr {

  /** Every match in the document; empty when the condition does not hold. */
  List<Match> evaluate(AnalyzedDocument doc);

  /** Whether the condition can point at text; a rule made only of negations cannot. */
  boolean positive();
}
