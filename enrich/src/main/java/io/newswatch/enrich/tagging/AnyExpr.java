package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.List;

/** Holds when any of its conditions holds; its matches are theirs. */
record AnyExpr(List<Expr> children) implements Expr {

  AnyExpr {
    children = List.copyOf(children);
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return text.cached(this, t -> {
      List<Match> out = new ArrayList<>();
      for (Expr child : children) {
        out.addAll(child.evaluate(t));
      }
      return out;
    });
  }

  @Override
  public boolean positive() {
    return children.stream().anyMatch(Expr::positive);
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return children.stream().anyMatch(c -> c.reachable(language));
  }

  @Override
  public int cost() {
    return children.stream().mapToInt(Expr::cost).sum();
  }
}
