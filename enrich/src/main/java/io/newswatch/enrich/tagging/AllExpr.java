package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** Every child holds. Its i-th match joins the i-th match of each positive child. */
record AllExpr(List<Expr> children) implements Expr {

  AllExpr {
    children = List.copyOf(children);
  }

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    List<List<Match>> positives = new ArrayList<>();
    for (Expr child : children) {
      List<Match> matches = child.evaluate(doc);
      if (matches.isEmpty()) {
        return List.of();
      }
      if (child.positive()) {
        positives.add(matches);
      }
    }
    if (positives.isEmpty()) {
      return List.of(Match.EMPTY);
    }
    int count = positives.stream().mapToInt(List::size).min().orElse(0);
    List<Match> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Match combined = Match.EMPTY;
      for (List<Match> matches : positives) {
        combined = combined.plus(matches.get(i));
      }
      out.add(combined);
    }
    return out;
  }

  @Override
  public boolean positive() {
    return children.stream().anyMatch(Expr::positive);
  }
}
