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

  /** The hash of terms already analyzed by {@link DedupText#terms}, so the text is analyzed once. */
  public static String ofTerms(List<String> terms) {
    String normalized = String.join(" ", terms);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
  }
}
