package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Any of a list of words or phrases, per language. Spans inside an {@code exclude} phrase are
 * dropped (so "ceasefire" does not count as "fire"), and a span inside a longer matched span of the
 * same list is dropped, so one piece of text counts once.
 */
record TermsExpr(Map<TextLanguage, List<Phrase>> phrases, Map<TextLanguage, List<Phrase>> excludes)
    implements Expr {

  TermsExpr {
    phrases = Map.copyOf(phrases);
    excludes = Map.copyOf(excludes);
  }

  /** The same terms with more exclusions. */
  TermsExpr excluding(Map<TextLanguage, List<Phrase>> more) {
    Map<TextLanguage, List<Phrase>> all = new java.util.EnumMap<>(TextLanguage.class);
    for (TextLanguage language : TextLanguage.values()) {
      List<Phrase> list = new ArrayList<>(excludes.getOrDefault(language, List.of()));
      list.addAll(more.getOrDefault(language, List.of()));
      all.put(language, list);
    }
    return new TermsExpr(phrases, all);
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return text.cached(this, this::find);
  }

  private List<Match> find(AnalyzedText text) {
    List<Phrase> own = phrases.getOrDefault(text.language(), List.of());
    List<Span> found = new ArrayList<>();
    for (Phrase phrase : own) {
      phrase.find(text, found);
    }
    if (found.isEmpty()) {
      return List.of();
    }
    List<Span> excluded = new ArrayList<>();
    for (Phrase phrase : excludes.getOrDefault(text.language(), List.of())) {
      phrase.find(text, excluded);
    }
    found.sort(Comparator.comparingInt(Span::from).thenComparingInt(s -> -(s.to() - s.from())));
    List<Match> out = new ArrayList<>();
    Span last = null;
    for (Span span : found) {
      if (last != null && last.contains(span)) {
        continue;
      }
      boolean covered = false;
      for (Span e : excluded) {
        if (e.contains(span)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(Match.of(span));
        last = span;
      }
    }
    return out;
  }

  @Override
  public boolean positive() {
    return true;
  }

  @Override
  public boolean reachable(TextLanguage language) {
    return !phrases.getOrDefault(language, List.of()).isEmpty();
  }
}
