package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An article analyzed once, in its resolved language, and shared by every rule that looks at it. */
final class AnalyzedDocument {

  static final String TITLE = "title";
  static final String BODY = "body";

  private final TextLanguage language;
  private final List<AnalyzedField> fields;
  private final Map<Expr, List<Match>> termCache = new IdentityHashMap<>();

  AnalyzedDocument(Document document) {
    this.language =
        TextLanguage.resolve(document.lang(), document.title() + "\n" + document.body());
    this.fields =
        List.of(
            new AnalyzedField(TITLE, document.title(), language),
            new AnalyzedField(BODY, document.body(), language));
  }

  TextLanguage language() {
    return language;
  }

  List<AnalyzedField> fields() {
    return fields;
  }

  /** The analyzed terms of every field in order (title, then body). */
  List<String> terms() {
    List<String> terms = new ArrayList<>();
    for (AnalyzedField field : fields) {
      for (int i = 0; i < field.size(); i++) {
        terms.add(field.token(i).term());
      }
    }
    return terms;
  }

  /**
   * Term lists (vocabularies) are shared by many rules, so their matches are computed once per
   * article. A document is tagged by one thread, so a plain map is enough.
   */
  List<Match> cached(Expr expr, Function<AnalyzedDocument, List<Match>> compute) {
    List<Match> matches = termCache.get(expr);
    if (matches == null) {
      matches = List.copyOf(compute.apply(this));
      termCache.put(expr, matches);
    }
    return matches;
  }
}
