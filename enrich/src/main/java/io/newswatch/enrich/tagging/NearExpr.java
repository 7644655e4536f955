package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * Every group matched within {@code within} words of a match of the first group, in the same field.
 * Each satisfied first-group match is one match, carrying the closest partner from each group.
 */
record NearExpr(int within, List<Expr> groups) implements Expr {

  NearExpr {
    groups = List.copyOf(groups);
  }

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    List<List<Match>> found = new ArrayList<>(groups.size());
    for (Expr group : groups) {
      List<Match> matches = group.evaluate(doc);
      if (matches.isEmpty()) {
        return List.of();
      }
      found.add(matches);
    }
    List<Match> out = new ArrayList<>();
    for (Match anchor : found.get(0)) {
      Span a = anchor.first();
      if (a == null) {
        continue;
      }
      Match combined = anchor;
      for (int g = 1; g < found.size() && combined != null; g++) {
        Match best = null;
        int bestGap = Integer.MAX_VALUE;
        for (Match candidate : found.get(g)) {
          Span c = candidate.first();
          if (c != null && c.field() == a.field() && !c.equals(a)) {
            int gap = a.gap(c);
            if (gap <= within && gap < bestGap) {
              best = candidate;
              bestGap = gap;
            }
          }
        }
        combined = best == null ? null : combined.plus(best);
      }
      if (combined != null) {
        out.add(combined);
      }
    }
    return out;
  }

  @Override
  public boolean positive() {
    return true;
  }
}
