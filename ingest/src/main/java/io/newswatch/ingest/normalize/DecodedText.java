package io.newswatch.ingest.normalize;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Text decoded from bytes, with the charset used and where that choice came from.
 *
 * @param text the decoded text, byte-order mark removed
 * @param charset the charset used
 * @param origin why this charset: {@code bom}, {@code http}, {@code xml-prolog}, {@code html-meta},
 *     {@code utf-8} (valid UTF-8), {@code detected} or {@code fallback}; {@code utf-8-over-http} (and
 *     {@code -xml-prolog}, {@code -html-meta}) when valid UTF-8 bytes overruled a declared charset, {@code
 *     detected-over-...} when the declared charset could not decode the bytes and ICU's choice could
 */
public record DecodedText(String text, Charset charset, String origin) {
  public DecodedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(charset, "charset");
    Objects.requireNonNull(origin, "origin");
  }
}
