package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.List;

/**
 * Holds when its condition has no match in the article. Inside {@code near}, {@code sentence} or
 * {@code passage} it is read in that scope instead (see {@link CooccurExpr}).
 */
record NotExpr(Expr child) implements Expr {

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return child.evaluate(text).isEmpty() ? List.of(Match.EMPTY) : List.of();
  }

  @Override
  public boolean positive() {
    return false;
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return true;
  }

  @Override
  public int cost() {
    return child.cost();
  }
}
