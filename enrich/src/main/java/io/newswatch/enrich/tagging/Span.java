package io.newswatch.enrich.tagging;

/** A run of tokens [from, to] in one field that a rule term matched. */
record Span(String term, AnalyzedField field, int from, int to) {

  int startOffset() {
    return field.token(from).start();
  }

  int endOffset() {
    return field.token(to).end();
  }

  String surface() {
    return field.text().substring(startOffset(), endOffset());
  }

  boolean contains(Span other) {
    return field == other.field && from <= other.from && to >= other.to;
  }

  /** Words between two spans of the same field; 0 when they touch or overlap. */
  int gap(Span other) {
    return Math.max(0, Math.max(other.from - to - 1, from - other.to - 1));
  }
}
