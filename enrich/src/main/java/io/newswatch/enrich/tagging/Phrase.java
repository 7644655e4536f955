package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.List;

/** A rule term after analysis: a sequence of terms, the last one optionally a prefix ({@code word*}). */
record Phrase(String source, List<String> terms, boolean prefixLast) {

  Phrase {
    terms = List.copyOf(terms);
  }

  /** Finds every occurrence in a field. */
  List<Span> find(AnalyzedField field) {
    List<Span> out = new ArrayList<>();
    int n = terms.size();
    boolean singlePrefix = prefixLast && n == 1;
    if (singlePrefix) {
      for (var entry : field.entries()) {
        if (entry.getKey().startsWith(terms.get(0))) {
          for (int p : entry.getValue()) {
            out.add(new Span(source, field, p, p));
          }
        }
      }
      return out;
    }
    for (int start : field.positions(terms.get(0))) {
      if (start + n > field.size()) {
        continue;
      }
      boolean ok = true;
      for (int i = 1; i < n && ok; i++) {
        ok = field.matchesAt(start + i, terms.get(i), prefixLast && i == n - 1);
      }
      if (ok) {
        out.add(new Span(source, field, start, start + n - 1));
      }
    }
    return out;
  }
}
