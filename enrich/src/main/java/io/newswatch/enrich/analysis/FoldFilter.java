package io.newswatch.enrich.analysis;

import java.io.IOException;
import java.text.Normalizer;
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
 * <p>Before that, what real pages put inside words without changing them is taken out, so that a word
 * is the word its reader sees (Lucene's tokenizer keeps these inside a term, UAX #29 rule WB4):
 * <ul>
 *   <li>invisible format characters: the soft hyphen of hyphenated HTML ({@code &shy;}), the
 *       direction marks and embeddings of mixed Arabic and Latin text (U+200E/F, U+061C,
 *       U+202A–202E, U+2066–2069), the zero-width joiners (U+200C/D), the word joiner and BOM;
 *   <li>the Persian forms of yeh and kaf (U+06CC, U+06A9, U+06AA), which Persian keyboards type and
 *       Iranian outlets' Arabic pages carry, as the Arabic letters;
 *   <li>Arabic presentation forms and Latin ligatures (U+FB00–FDFF, U+FE70–FEFF), which text copied
 *       out of a PDF (official statements) holds instead of letters, by their compatibility
 *       decomposition (NFKC).
 * </ul>
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
    while (input.incrementToken()) {
      if (fold()) {
        return true;
      }
      // A term of format characters alone (never from the tokenizer in practice) is no word.
    }
    return false;
  }

  /** Folds the current term in place; false when nothing of it is left. */
  private boolean fold() {
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
      } else if (c < 0x0600 || c > 0x06FF || c == '\u061C') {
        // What is folded so far is left as the slow path would leave it: run it over the term.
        return slow(buffer, length);
      }
    }
    return true;
  }

  /** Format characters out, compatibility forms decomposed, then {@code LowerCaseFilter} and {@code DecimalDigitFilter} as Lucene 10 writes them. */
  private boolean slow(char[] buffer, int length) {
    length = dropFormat(buffer, length);
    if (hasCompatibilityForm(buffer, length)) {
      String decomposed = Normalizer.normalize(new String(buffer, 0, length), Normalizer.Form.NFKC);
      buffer = termAtt.resizeBuffer(decomposed.length());
      decomposed.getChars(0, decomposed.length(), buffer, 0);
      length = decomposed.length();
    }
    // The fast path stopped where it did: the Persian letters after that point are still to fold.
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\u06CC') {
        buffer[i] = ARABIC_YEH;
      } else if (buffer[i] == '\u06A9' || buffer[i] == '\u06AA') {
        buffer[i] = ARABIC_KAF;
      }
    }
    termAtt.setLength(length);
    if (length == 0) {
      return false;
    }
    CharacterUtils.toLowerCase(buffer, 0, length);
    for (int i = 0; i < length; i++) {
      int ch = Character.codePointAt(buffer, i, length);
      if (ch > 0x7F && Character.isDigit(ch)) {
        buffer[i] = (char) ('0' + Character.getNumericValue(ch));
        if (ch > 0xFFFF) {
          length = StemmerUtil.delete(buffer, i + 1, length);
          termAtt.setLength(length);
        }
      }
    }
    return true;
  }

  /** Removes the invisible format characters of {@link FoldFilter}'s list; returns the new length. */
  private static int dropFormat(char[] buffer, int length) {
    int out = 0;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      if (!isInvisibleFormat(c)) {
        buffer[out++] = c;
      }
    }
    return out;
  }

  /** The soft hyphen, joiners, direction marks, embeddings and isolates, the word joiner and the BOM. */
  static boolean isInvisibleFormat(char c) {
    return c == '\u00AD' || c == '\u061C' || (c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u2064') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
  }

  /** Latin ligatures and Arabic presentation forms: U+FB00–FDFF and U+FE70–FEFE. */
  static boolean isCompatibilityForm(char c) {
    return (c >= '\uFB00' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFE');
  }

  private static boolean hasCompatibilityForm(char[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      if (isCompatibilityForm(buffer[i])) {
        return true;
      }
    }
    return false;
  }
}
