package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** At least one child holds; the matches of all children that hold. */
record AnyExpr(List<Expr> children) implements Expr {

  AnyExpr {
    children = List.copyOf(children);
  }

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    List<Match> out = new ArrayList<>();
    for (Expr child : children) {
      out.addAll(child.evaluate(doc));
    }
    return out;
  }

  @Override
  public boolean positive() {
    return children.stream().allMatch(Expr::positive);
  }
}
