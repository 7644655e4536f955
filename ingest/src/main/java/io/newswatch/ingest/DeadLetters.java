package io.newswatch.ingest;

import io.newswatch.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Builds ingest-stage dead letters, keeping at most the first 64 KiB of the offending bytes. */
public final class DeadLetters {

  /** Payload bytes kept in a dead letter; larger input is cut and flagged as truncated. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

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
    long size = originalSize >= 0 ? originalSize : payload == null ? -1 : payload.length;
    ByteBuffer kept = null;
    boolean truncated = false;
    if (payload != null) {
      int keep = Math.min(payload.length, MAX_PAYLOAD_BYTES);
      kept = ByteBuffer.wrap(Arrays.copyOf(payload, keep));
      truncated = size > keep;
    }
    return DeadLetter.newBuilder()
        .setStage(STAGE)
        .setSource(source == null ? "" : source)
        .setReason(reason == null || reason.isBlank() ? "unknown" : reason)
        .setErrorClass(error == null ? "" : error.getClass().getName())
        .setPayload(kept)
        .setOriginalSize(size)
        .setTruncated(truncated)
        .setAttributes(attributes == null ? new HashMap<>() : new HashMap<>(attributes))
        .setOccurredAt(now)
        .build();
  }
}
