package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.List;

/** Holds when every condition holds somewhere in the article; its matches are all of theirs. */
record AllExpr(List<Expr> children) implements Expr {

  AllExpr {
    children = List.copyOf(children);
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    List<Match> out = new ArrayList<>();
    for (Expr child : children) {
      List<Match> matches = child.evaluate(text);
      if (matches.isEmpty()) {
        return List.of();
      }
      for (Match m : matches) {
        if (m.key() != null) {
          out.add(m);
        }
      }
    }
    return out.isEmpty() ? List.of(Match.EMPTY) : out;
  }

  @Override
  public boolean positive() {
    return children.stream().anyMatch(Expr::positive);
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return children.stream().allMatch(c -> c.reachable(language));
  }

  @Override
  public int cost() {
    return children.stream().mapToInt(Expr::cost).sum();
  }
}
