package io.newswatch.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 (hex) of normalized text: equal for texts that differ only in whitespace, punctuation,
 * case, Arabic diacritics, tatweel or letter-form variants. Used for exact-duplicate detection.
 */
public final class ContentHash {

  private ContentHash() {}

  /** The 64-hex-digit hash of the normalized terms of the text. */
  public static String of(String text) {
    return ofTerms(DedupText.terms(text));
  }

  /**
   * The hash of terms already analyzed by {@link DedupText#terms}, so the text is analyzed once: the
   * SHA-256 of the terms joined by single spaces, in UTF-8. Fed to the digest term by term through a
   * reused buffer: joining and encoding the whole text first was most of this method's time (two
   * copies of a 4 KB article per article, Arabic text being UTF-16 inside the JVM).
   */
  public static String ofTerms(List<String> terms) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
    byte[] buf = BUFFER.get();
    int n = 0;
    for (int t = 0; t < terms.size(); t++) {
      String term = terms.get(t);
      if (buf.length - n < 4 * term.length() + 1) { // room for this term as UTF-8 and its space
        digest.update(buf, 0, n);
        n = 0;
        if (buf.length < 4 * term.length() + 1) {
          buf = new byte[4 * term.length() + 1];
          if (buf.length <= MAX_KEPT) { // one huge term must not stay on the thread
            BUFFER.set(buf);
          }
        }
      }
      if (t > 0) {
        buf[n++] = ' ';
      }
      n = utf8(term, buf, n);
    }
    digest.update(buf, 0, n);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static final int MAX_KEPT = 64 * 1024;
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  /**
   * Writes {@code s} as UTF-8 at {@code at}; returns the end. As {@link String#getBytes} with UTF-8
   * does, a lone surrogate becomes '?'.
   */
  static int utf8(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[at++] = (byte) (0xF0 | (cp >> 18));
          out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          out[at++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          out[at++] = '?';
        }
      } else {
        out[at++] = (byte) (0xE0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }
}
