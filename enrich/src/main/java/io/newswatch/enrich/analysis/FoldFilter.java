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
 */
final class FoldFilter extends TokenFilter {
  private static final char ARABIC_YEH = '\u064A';
  private static final char ARABIC_KAF = '\u0643';
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);

  FoldFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    char[] buffer = termAtt.buffer();
    int length = termAtt.length();
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
          buffer[i] = (char) (c + ('a' - 'A'));
        }
      } else if (c >= 0x0660 && c <= 0x0669) {
        buffer[i] = (char) ('0' + (c - 0x0660));
      } else if (c >= 0x06F0 && c <= 0x06F9) {
        buffer[i] = (char) ('0' + (c - 0x06F0));
      } else if (c == '\u06CC') {
        buffer[i] = ARABIC_YEH;
      } else if (c == '\u06A9' || c == '\u06AA') {
        buffer[i] = ARABIC_KAF;
      } else if (c < 0x0600 || c > 0x06FF) {
        // What is folded so far is left as the slow path would leave it: run it over the term.
        slow(buffer, length);
        return true;
      }
    }
    return true;
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
