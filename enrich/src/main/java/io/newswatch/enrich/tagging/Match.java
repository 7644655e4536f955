package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One unit of a rule firing: the spans that together satisfied it (empty for a pure negation). */
record Match(List<Span> spans) {

  static final Match EMPTY = new Match(List.of());

  /** Title before body, then text order, so the earliest and most visible evidence counts first. */
  static final Comparator<Match> READING_ORDER =
      Comparator.comparingInt((Match m) -> inTitle(m) ? 0 : 1)
          .thenComparingInt(m -> m.first() == null ? -1 : m.first().from());

  Match {
    spans = List.copyOf(spans);
  }

  static Match of(Span span) {
    return new Match(List.of(span));
  }

  static boolean inTitle(Match m) {
    return m.first() != null && m.first().field().name().equals(AnalyzedDocument.TITLE);
  }

  Span first() {
    return spans.isEmpty() ? null : spans.get(0);
  }

  Match plus(Match other) {
    List<Span> all = new ArrayList<>(spans);
    all.addAll(other.spans);
    return new Match(all);
  }
}
