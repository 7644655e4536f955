package io.newswatch.sink.subscription;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small free-text query: every whitespace-separated term, or "quoted phrase", must occur in the
 * text as whole words, ignoring case (Locale.ROOT) after NFC normalisation.
 */
public final class TextQuery {

  private final List<String> terms;

  private TextQuery(List<String> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses a query such as {@code opec "oil price"}.
   *
   * @throws IllegalArgumentException if a quote is left open
   */
  public static TextQuery parse(String query) {
    String normalised = normalise(query == null ? "" : query);
    List<String> terms = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      if (c == '"') {
        flush(current, terms);
        inQuotes = !inQuotes;
      } else if (Character.isWhitespace(c) && !inQuotes) {
        flush(current, terms);
      } else {
        current.append(c);
      }
    }
    if (inQuotes) {
      throw new IllegalArgumentException(
          "query has an unclosed quote: close the \"phrase\" or remove the quote");
    }
    flush(current, terms);
    return new TextQuery(terms);
  }

  /** The normalised terms and phrases, in query order. */
  public List<String> terms() {
    return terms;
  }

  /** True if every term occurs in {@code text} as whole words; an empty query matches anything. */
  public boolean matches(String text) {
    String haystack = normalise(text == null ? "" : text);
    for (String term : terms) {
      if (!containsWord(haystack, term)) {
        return false;
      }
    }
    return true;
  }

  static String normalise(String text) {
    String collapsed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    return collapsed.replaceAll("\\s+", " ");
  }

  private static void flush(StringBuilder current, List<String> terms) {
    String term = current.toString().strip();
    if (!term.isEmpty()) {
      terms.add(term.replaceAll("\\s+", " "));
    }
    current.setLength(0);
  }

  private static boolean containsWord(String haystack, String term) {
    int from = 0;
    while (true) {
      int at = haystack.indexOf(term, from);
      if (at < 0) {
        return false;
      }
      int end = at + term.length();
      if (boundary(haystack, at - 1) && boundary(haystack, end)) {
        return true;
      }
      from = at + 1;
    }
  }

  private static boolean boundary(String text, int index) {
    return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
  }
}
