package io.newswatch.enrich.tagging;

/** A run of tokens [from, to] (global positions, one field) that a rule term matched. */
record Span(String term, int from, int to) {

  boolean contains(Span other) {
    return from <= other.from && to >= other.to;
  }

  boolean overlaps(Span other) {
    return from <= other.to && other.from <= to;
  }

  /** Words between two spans; 0 when they touch or overlap. */
  int gap(Span other) {
    return Math.max(0, Math.max(other.from - to - 1, from - other.to - 1));
  }
}
