package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Regular expressions over the raw field text, for shapes words cannot express (e.g. numbers). */
record RegexExpr(Map<TextLanguage, List<Pattern>> patterns) implements Expr {

  RegexExpr {
    patterns = Map.copyOf(patterns);
  }

  @Override
  public List<Match> evaluate(AnalyzedDocument doc) {
    List<Match> out = new ArrayList<>();
    for (Pattern pattern : patterns.getOrDefault(doc.language(), List.of())) {
      for (AnalyzedField field : doc.fields()) {
        Matcher m = pattern.matcher(field.text());
        while (m.find()) {
          int from = field.positionAtOrAfter(m.start());
          int to = field.positionBefore(m.end());
          // A match made only of punctuation has no token to anchor evidence or proximity on.
          if (from >= 0 && to >= from) {
            out.add(Match.of(new Span(pattern.pattern(), field, from, to)));
          }
        }
      }
    }
    return out;
  }

  @Override
  public boolean positive() {
    return true;
  }
}
