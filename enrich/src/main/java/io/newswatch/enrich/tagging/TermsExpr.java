package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Any of a list of words or phrases, per language. Spans inside an {@code exclude} phrase are
 * dropped (so "ceasefire" does not count as "fire"), and a span inside a longer matched span of the
 * same list is dropped so one piece of text counts once.
 */
record TermsExpr(Map<TextLanguage, List<Phrase>> phrases, Map<TextLanguage, List<Phrase>> excludes)
    implements Expr {

  TermsExpr {
    phrases = Map.copyOf(phrases);
    excludes = Map.copyOf(excludes);
  }

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    return doc.cached(this, this::find);
  }

  private List<Match> find(AnalyzedDocument doc) {
    List<Phrase> own = phrases.getOrDefault(doc.language(), List.of());
    List<Phrase> except = excludes.getOrDefault(doc.language(), List.of());
    List<Match> out = new ArrayList<>();
    for (AnalyzedField field : doc.fields()) {
      List<Span> found = new ArrayList<>();
      for (Phrase phrase : own) {
        found.addAll(phrase.find(field));
      }
      if (found.isEmpty()) {
        continue;
      }
      List<Span> excluded = new ArrayList<>();
      for (Phrase phrase : except) {
        excluded.addAll(phrase.find(field));
      }
      found.sort(Comparator.comparingInt(Span::from).thenComparingInt(s -> -(s.to() - s.from())));
      List<Span> kept = new ArrayList<>();
      for (Span span : found) {
        boolean covered =
            excluded.stream().anyMatch(e -> e.contains(span))
                || kept.stream().anyMatch(k -> k.contains(span));
        if (!covered) {
          kept.add(span);
        }
      }
      kept.forEach(span -> out.add(Match.of(span)));
    }
    return out;
  }

  @Override
  public boolean positive() {
    return true;
  }
}
