package io.newswatch.enrich.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.StemmerUtil;

/**
 * Lucene's {@code LowerCaseFilter} followed by its {@code DecimalDigitFilter}, in one pass: the same
 * terms, for less work. Both look every character of every term up in the Unicode tables, which for
 * Arabic text (no ASCII to short-cut) was a tenth of tagging an article. Here ASCII and the Arabic
 * block (U+0600–U+06FF: no case; its decimal digits are U+0660–0669 and U+06F0–06F9) are folded
 * directly, and a term with any other character goes through both filters' own code.
 *
 * <p>Also the Persian forms of yeh and kaf (U+06CC, U+06A9, U+06AA), which Persian keyboards type
 * and Iranian outlets' Arabic pages carry, are written as the Arabic letters.
 *
 * <p>{@link #arabic} chains also get Lucene's {@code ArabicNormalizationFilter} in the same pass (alef
 * with hamza or madda to alef, teh marbuta to heh, alef maksura to yeh; tatweel and the harakat
 * removed), from one table of the Arabic block: Lucene's switch over each character was 5 % of
 * tagging an Arabic article. The two foldings touch disjoint characters and neither writes a
 * character the other reads, so one pass gives what the two filters give one after the other.
 */
final class FoldFilter extends TokenFilter {
  private static final char ARABIC_YEH = '\u064A';
  private static final char ARABIC_KAF = '\u0643';
  /** Removed by Arabic normalization; no character of the block folds to it. */
  private static final char DROP = 0;
  /** What each character of the Arabic block becomes: folded (digits, Persian letters) and, for Arabic, normalized. */
  private static final char[] FOLD = block(false);
  private static final char[] FOLD_NORMALIZE = block(true);

  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
  private final char[] table;
  private final boolean arabic;

  /** Lower case, ASCII digits and the Arabic forms of Persian letters. */
  FoldFilter(TokenStream input) {
    this(input, false);
  }

  /** {@link #FoldFilter(TokenStream)}, and Lucene's Arabic normalization when {@code arabic}. */
  static FoldFilter arabic(TokenStream input) {
    return new FoldFilter(input, true);
  }

  private FoldFilter(TokenStream input, boolean arabic) {
    super(input);
    this.table = arabic ? FOLD_NORMALIZE : FOLD;
    this.arabic = arabic;
  }

  private static char[] block(boolean normalize) {
    char[] t = new char[0x100];
    for (int i = 0; i < t.length; i++) {
      t[i] = (char) (0x0600 + i);
    }
    for (int d = 0; d < 10; d++) {
      t[0x60 + d] = (char) ('0' + d);
      t[0xF0 + d] = (char) ('0' + d);
    }
    t[0xCC] = ARABIC_YEH;
    t[0xA9] = ARABIC_KAF;
    t[0xAA] = ARABIC_KAF;
    if (normalize) { // ArabicNormalizer's cases, as Lucene 10 writes them
      t[0x22] = '\u0627'; // alef with madda above
      t[0x23] = '\u0627'; // alef with hamza above
      t[0x25] = '\u0627'; // alef with hamza below
      t[0x49] = ARABIC_YEH; // alef maksura (dotless yeh)
      t[0x29] = '\u0647'; // teh marbuta to heh
      t[0x40] = DROP; // tatweel
      for (int c = 0x4B; c <= 0x52; c++) {
        t[c] = DROP; // fathatan to sukun
      }
    }
    return t;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = termAtt.buffer();
    int length = termAtt.length();
    boolean drops = false;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
          buffer[i] = (char) (c + ('a' - 'A'));
        }
      } else if (c >= 0x0600 && c <= 0x06FF) {
        char folded = table[c - 0x0600];
        if (folded == DROP) {
          drops = true; // removed below, once the term is known to need no slow path
        } else {
          buffer[i] = folded;
        }
      } else {
        // What is folded so far is left as the slow path would leave it: run it over the term.
        slow(buffer, length);
        if (arabic) {
          // Then normalized, as the normalization filter after it did (the slow path folded every
          // digit and Persian letter, so the table only normalizes).
          termAtt.setLength(apply(buffer, termAtt.length()));
        }
        return true;
      }
    }
    if (drops) {
      termAtt.setLength(apply(buffer, length));
    }
    return true;
  }

  /** The table over {@code buffer[0, length)}, dropped characters taken out; the new length. */
  private int apply(char[] buffer, int length) {
    int kept = 0;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (c >= 0x0600 && c <= 0x06FF) {
        c = table[c - 0x0600];
        if (c == DROP) {
          continue;
        }
      }
      buffer[kept++] = c;
    }
    return kept;
  }

  /** {@code LowerCaseFilter} then {@code DecimalDigitFilter}, as Lucene 10 writes them, and the Persian letters. */
  private void slow(char[] buffer, int length) {
    CharacterUtils.toLowerCase(buffer, 0, length);
    for (int i = 0; i < length; i++) {
      int ch = Character.codePointAt(buffer, i, length);
      if (ch == 0x06CC) {
        buffer[i] = ARABIC_YEH;
      } else if (ch == 0x06A9 || ch == 0x06AA) {
        buffer[i] = ARABIC_KAF;
      } else if (ch > 0x7F && Character.isDigit(ch)) {
        buffer[i] = (char) ('0' + Character.getNumericValue(ch));
        if (ch > 0xFFFF) {
          length = StemmerUtil.delete(buffer, i + 1, length);
          termAtt.setLength(length);
        }
      }
    }
  }
}
