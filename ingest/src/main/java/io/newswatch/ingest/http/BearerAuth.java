package io.newswatch.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks an {@code Authorization: Bearer} header against the configured token in constant time. */
final class BearerAuth {

  private final byte[] expectedDigest;

  BearerAuth(String token) {
    this.expectedDigest = digest(token);
  }

  /** Whether the header carries the token. Comparing digests hides the token's length as well as its bytes. */
  boolean accepts(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, digest(authorizationHeader.substring(7).strip()));
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
