package io.newswatch.enrich.tagging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One unit of a condition holding: its spans, the first being the <em>key</em> (the word the rule is
 * about; the others are the context that qualified it). Empty for a pure negation.
 */
record Match(List<Span> spans) {

  static final Match EMPTY = new Match(List.of());

  /** Text order of the key span. */
  static final Comparator<Match> TEXT_ORDER = Comparator.comparingInt((Match m) -> m.key() == null ? -1 : m.key().from());

  Match {
    spans = List.copyOf(spans);
  }

  static Match of(Span span) {
    return new Match(List.of(span));
  }

  Span key() {
    return spans.isEmpty() ? null : spans.get(0);
  }

  Match plus(Match other) {
    List<Span> all = new ArrayList<>(spans);
    all.addAll(other.spans);
    return new Match(all);
  }

  /** Whether any span of this match overlaps one of {@code span}. */
  boolean overlaps(Span span) {
    for (Span s : spans) {
      if (s.overlaps(span)) {
        return true;
      }
    }
    return false;
  }
}
