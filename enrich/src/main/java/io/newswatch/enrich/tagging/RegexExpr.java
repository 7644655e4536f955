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
    patterns = TermsExpr.byLanguage(patterns);
  }

  @Override
  public List<Match> evaluate(AnalyzedText text) {
    return text.cached(this, this::find);
  }

  private List<Match> find(AnalyzedText text) {
    List<Match> out = new ArrayList<>();
    List<Pattern> own = patterns.getOrDefault(text.language(), List.of());
    if (own.isEmpty()) {
      return out;
    }
    for (int field = AnalyzedText.TITLE; field <= AnalyzedText.BODY; field++) {
      String fieldText = text.text(field);
      for (Pattern pattern : own) {
        Matcher m = pattern.matcher(fieldText);
        while (m.find()) {
          int from = -1;
          int to = -1;
          for (int p = 0; p < text.size(); p++) {
            if (text.field(p) != field) {
              continue;
            }
            var token = text.token(p);
            if (token.end() > m.start() && token.start() < m.end()) {
              from = from < 0 ? p : from;
              to = p;
            }
          }
          // A match made only of punctuation has no token to anchor evidence or proximity on.
          if (from >= 0) {
            out.add(Match.of(new Span(pattern.pattern(), from, to)));
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

  @Override
  public boolean reachable(TextLanguage language) {
    return !patterns.getOrDefault(language, List.of()).isEmpty();
  }

  @Override
  public int cost() {
    // A scan of the raw text, position by position, per pattern.
    return 50 * patterns.values().stream().mapToInt(List::size).max().orElse(0);
  }
}
