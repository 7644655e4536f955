package io.newswatch.enrich.tagging;

import java.util.List;

/** Holds when the child does not; it has nothing to point at, so it yields one empty match. */
record NotExpr(Expr child) implements Expr {

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    return child.evaluate(doc).isEmpty() ? List.of(Match.EMPTY) : List.of();
  }

  @Override
  public boolean positive() {
    return false;
  }
}
