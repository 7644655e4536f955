package io.newswatch.enrich.tagging;

import java.util.List;

/** A rule term compiled for one language: its words as lexicon ids (the last may be a prefix entry). */
record Phrase(String source, int[] ids) {

  /** Adds every occurrence in the text (within one field) to {@code out}. */
  void find(AnalyzedText text, List<Span> out) {
    int n = ids.length;
    for (int p = text.firstPosting(ids[0]); p >= 0; p = text.nextPosting(p)) {
      int start = text.postingPosition(p);
      int end = start + n - 1;
      if (end >= text.size() || text.field(end) != text.field(start)) {
        continue;
      }
      boolean all = true;
      for (int i = 1; i < n && all; i++) {
        all = text.hasId(start + i, ids[i]);
      }
      if (all) {
        out.add(new Span(source, start, end));
      }
    }
  }
}
