package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One field (title or body) analyzed once per article: its tokens and a term to positions index.
 *
 * <p>For Arabic every token is also indexed under its forms without attached proclitics (و ف ب ل ك
 * and ال), because Lucene's light stemmer strips only the article-based prefixes: without this,
 * "لروسيا" would never match a rule written "روسيا". Aliases only add index entries; they never
 * change the token, so evidence still shows the surface text.
 */
final class AnalyzedField {

  private static final String[] PROCLITICS = {
    "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"
  };
  private static final int MIN_ALIAS_LENGTH = 3;

  private final String name;
  private final String text;
  private final List<Token> tokens;
  private final String[][] forms;
  private final Map<String, List<Integer>> index;

  AnalyzedField(String name, String text, TextLanguage language) {
    this.name = name;
    this.text = text == null ? "" : text;
    this.tokens = TextAnalysis.tokens(this.text, language);
    this.forms = new String[tokens.size()][];
    this.index = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String term = tokens.get(i).term();
      String[] tokenForms = language == TextLanguage.AR ? arabicForms(term) : new String[] {term};
      forms[i] = tokenForms;
      for (String form : tokenForms) {
        index.computeIfAbsent(form, k -> new ArrayList<>(2)).add(i);
      }
    }
  }

  private static String[] arabicForms(String term) {
    List<String> out = new ArrayList<>(3);
    out.add(term);
    addStripped(term, out, 2);
    return out.toArray(String[]::new);
  }

  private static void addStripped(String term, List<String> out, int depth) {
    if (depth == 0) {
      return;
    }
    for (String prefix : PROCLITICS) {
      if (term.startsWith(prefix) && term.length() - prefix.length() >= MIN_ALIAS_LENGTH) {
        String rest = term.substring(prefix.length());
        if (!out.contains(rest)) {
          out.add(rest);
          addStripped(rest, out, depth - 1);
        }
      }
    }
  }

  String name() {
    return name;
  }

  String text() {
    return text;
  }

  int size() {
    return tokens.size();
  }

  Token token(int position) {
    return tokens.get(position);
  }

  /** Positions where a token has exactly this form. */
  List<Integer> positions(String form) {
    return index.getOrDefault(form, List.of());
  }

  /** All indexed forms, for prefix matching. */
  Iterable<Map.Entry<String, List<Integer>>> entries() {
    return index.entrySet();
  }

  boolean matchesAt(int position, String form, boolean prefix) {
    for (String candidate : forms[position]) {
      if (prefix ? candidate.startsWith(form) : candidate.equals(form)) {
        return true;
      }
    }
    return false;
  }

  /** The position of the first token ending after a character offset, or -1. */
  int positionAtOrAfter(int charOffset) {
    int lo = 0;
    int hi = tokens.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).end() > charOffset) {
        found = mid;
        hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }

  /** The position of the last token starting before a character offset, or -1. */
  int positionBefore(int charOffset) {
    int lo = 0;
    int hi = tokens.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).start() < charOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
