package io.newswatch.enrich.analysis;

import java.io.IOException;
import java.text.Normalizer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A word as its reader sees it: what real pages put inside words without showing it is taken out, and
 * what they show in another code point is given its letters. Lucene's tokenizer keeps these inside a
 * term (UAX #29 rule WB4), so without this filter the word would match nothing.
 * <ul>
 *   <li>invisible format characters: the soft hyphen of hyphenated HTML ({@code &shy;}), the
 *       direction marks and embeddings of mixed Arabic and Latin text (U+200E/F, U+061C,
 *       U+202A–202E, U+2066–2069), the zero-width joiners (U+200C/D), the word joiner and BOM;
 *   <li>Arabic presentation forms and Latin ligatures (U+FB00–FDFF, U+FE70–FEFE), which text copied
 *       out of a PDF (official statements) holds instead of letters, by their compatibility
 *       decomposition (NFKC), without the spaces some of them decompose to (an isolated vowel sign).
 * </ul>
 * It runs right after the tokenizer, before any filter that reads the word's shape (the US acronym
 * with a direction mark after it, a possessive "’s" before one). A term made of nothing else is dropped.
 */
final class VisibleFilter extends TokenFilter {
  private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);

  VisibleFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      if (clean()) {
        return true;
      }
    }
    return false;
  }

  /** Cleans the current term in place; false when nothing of it is left. */
  private boolean clean() {
    char[] buffer = termAtt.buffer();
    int length = termAtt.length();
    boolean format = false;
    boolean compatibility = false;
    for (int i = 0; i < length; i++) {
      char c = buffer[i];
      // Letters of ASCII and the Arabic block, the common case, are neither.
      if (c >= 0xAD && (c < 0x0600 || c > 0x06FF || c == '\u061C')) {
        format |= isInvisibleFormat(c);
        compatibility |= isCompatibilityForm(c);
      }
    }
    if (!format && !compatibility) {
      return true;
    }
    int out = 0;
    for (int i = 0; i < length; i++) {
      if (!isInvisibleFormat(buffer[i])) {
        buffer[out++] = buffer[i];
      }
    }
    length = out;
    if (compatibility) {
      String decomposed = Normalizer.normalize(new String(buffer, 0, length), Normalizer.Form.NFKC);
      buffer = termAtt.resizeBuffer(decomposed.length());
      length = 0;
      for (int i = 0; i < decomposed.length(); i++) {
        char c = decomposed.charAt(i);
        if (!Character.isWhitespace(c)) {
          buffer[length++] = c;
        }
      }
    }
    termAtt.setLength(length);
    return length > 0;
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
}
