package io.newswatch.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Stable article ids and content hashes.
 *
 * <p>An id is {@code u-} plus the first 16 bytes of SHA-256 of the canonical URL in hex, or {@code c-}
 * plus the same of the normalized body when there is no URL; a feed item whose GUID or link was seen
 * before with other content gets a revision id, {@code r-} plus the same of its id and the item's content
 * hash. The
 * content hash is the full SHA-256 hex of the normalized body.
 */
public final class ArticleIds {

  private static final int ID_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private ArticleIds() {}

  /** The id of an article that has a canonical URL. */
  public static String fromUrl(String canonicalUrl) {
    return "u-" + HEX.formatHex(Arrays.copyOf(sha256(canonicalUrl), ID_BYTES));
  }

  /** The id of an article without a URL, from its normalized body. */
  public static String fromContent(String normalizedBody) {
    return "c-" + HEX.formatHex(Arrays.copyOf(sha256(normalizedBody), ID_BYTES));
  }

  /**
   * The id of another story published under an id already taken (a feed's GUID or link reused for new
   * content): enrich reads the same id twice as one article delivered twice, so the new story needs its
   * own. The same content gives the same revision, so a poll repeated after a crash stays idempotent;
   * the caller passes the content as its source gave it (a feed item's), not a page fetched for it.
   */
  public static String revision(String id, String contentHash) {
    return "r-" + HEX.formatHex(Arrays.copyOf(sha256(id + "\u0000" + contentHash), ID_BYTES));
  }

  /** SHA-256 of the text (UTF-8), lower-case hex. */
  public static String contentHash(String normalizedBody) {
    return HEX.formatHex(sha256(normalizedBody));
  }

  /** SHA-256 of raw bytes, lower-case hex. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
