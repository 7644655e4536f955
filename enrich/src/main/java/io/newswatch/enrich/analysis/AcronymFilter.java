package io.newswatch.enrich.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Folds the spellings of the United States' acronym ("US", "U.S.", "USA", "U.S.A.") into one term,
 * {@value #UNITED_STATES}, before lower-casing: after it "us" would be the pronoun. The term is
 * marked as a keyword so that no stemmer touches it.
 */
final class AcronymFilter extends TokenFilter {

  /** The single term every spelling of the US acronym becomes. */
  static final String UNITED_STATES = "u.s";

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  AcronymFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (isUnitedStates(term)) {
      term.setEmpty().append(UNITED_STATES);
      keyword.setKeyword(true);
    }
    return true;
  }

  /**
   * Whether the letters of t, dots aside, are "US" or "USA" in capitals. Matched letter by letter,
   * without building a string: every token of every article passes here.
   */
  private static boolean isUnitedStates(CharSequence t) {
    int n = t.length();
    if (n < 2 || n > 6) {
      return false;
    }
    int matched = 0; // letters of "USA" matched so far
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c == '.') {
        continue;
      }
      if (matched == 3 || c != "USA".charAt(matched)) {
        return false; // another letter, or lower case: "us" is the pronoun
      }
      matched++;
    }
    return matched >= 2;
  }
}
