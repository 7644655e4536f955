package io.newswatch.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes the {@code X-Newswatch-Signature} header value: {@code sha256=<hex HMAC-SHA256 of the body>}. */
public final class HmacSigner {

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSigner() {
  }

  /** The header value for {@code body} signed with {@code secret} (UTF-8). */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // The message of a key error could echo key material, so only the type is kept.
      throw new IllegalStateException("HMAC-SHA256 signing failed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
