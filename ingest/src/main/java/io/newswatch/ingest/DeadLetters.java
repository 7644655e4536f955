package io.newswatch.ingest;

import io.newswatch.schemas.avro.DeadLetter;
import java.time.Instant;
import java.util.Map;

/** Ingest's face on {@link io.newswatch.runtime.DeadLetters}: stage "ingest", at most the first 64 KiB kept. */
public final class DeadLetters {

  /** Payload bytes kept in a dead letter; larger input is cut and flagged as truncated. */
  public static final int MAX_PAYLOAD_BYTES = io.newswatch.runtime.DeadLetters.MAX_PAYLOAD;

  /** The stage name every ingest dead letter carries. */
  public static final String STAGE = "ingest";

  private DeadLetters() {}

  /**
   * A dead letter for input that could not be processed.
   *
   * @param source where the input came from (file path, feed URL, HTTP client)
   * @param reason why it was rejected, readable by an operator
   * @param error the failure, or null when the rejection is a validation result
   * @param payload the raw bytes (may be longer than the kept prefix) or null
   * @param originalSize the full input size, or -1 to use the payload length
   * @param attributes extra context; copied
   * @param now when the rejection happened
   */
  public static DeadLetter of(
      String source,
      String reason,
      Throwable error,
      byte[] payload,
      long originalSize,
      Map<String, String> attributes,
      Instant now) {
    return io.newswatch.runtime.DeadLetters.of(STAGE, source, reason == null || reason.isBlank() ? "unknown" : reason,
        error, payload, originalSize, attributes, now);
  }
}
