package io.newswatch.runtime;

import io.newswatch.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Builds {@link DeadLetter} records: the reason, the origin, and the raw bytes (truncated past a limit). */
public final class DeadLetters {
  /** Dead letters keep at most this many payload bytes; the original size is recorded. */
  public static final int MAX_PAYLOAD = 64 * 1024;

  private DeadLetters() {}

  /** A dead letter for input that never became a Kafka record (a feed, a file, an HTTP body). */
  public static DeadLetter of(String stage, String source, String reason, Throwable error, byte[] payload) {
    return of(stage, source, reason, error, payload, -1, Map.of(), Instant.now());
  }

  /**
   * The general form.
   *
   * @param payload the raw bytes, or only their first bytes when the input was cut while streaming
   * @param originalSize the full input size when known, or -1 to use the payload length
   * @param attributes extra context; copied
   */
  public static DeadLetter of(String stage, String source, String reason, Throwable error, byte[] payload,
      long originalSize, Map<String, String> attributes, Instant now) {
    DeadLetter.Builder b = builder(stage, source, reason, error, payload).setOccurredAt(now)
        .setAttributes(attributes == null ? new java.util.HashMap<>() : new java.util.HashMap<>(attributes));
    if (payload != null && originalSize > payload.length) {
      b.setOriginalSize(originalSize).setTruncated(true);
    } else if (payload == null && originalSize >= 0) {
      b.setOriginalSize(originalSize);
    }
    return b.build();
  }

  /** A dead letter for a Kafka record that could not be read or processed. */
  public static DeadLetter ofRecord(String stage, String reason, Throwable error, String topic, int partition, long offset,
      byte[] key, byte[] value, Headers headers) {
    DeadLetter.Builder b = builder(stage, "kafka:" + topic, reason, error, value)
        .setOriginTopic(topic).setOriginPartition(partition).setOriginOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key));
    if (headers != null) {
      Map<String, String> attrs = new java.util.TreeMap<>();
      for (Header h : headers) {
        if (h.value() != null && h.value().length < 512) {
          attrs.put("header." + h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      b.setAttributes(attrs);
    }
    return b.build();
  }

  private static DeadLetter.Builder builder(String stage, String source, String reason, Throwable error, byte[] payload) {
    DeadLetter.Builder b = DeadLetter.newBuilder()
        .setStage(stage)
        .setSource(source == null ? "" : source)
        .setReason(reason == null || reason.isBlank() ? describe(error) : reason)
        .setErrorClass(error == null ? "" : error.getClass().getName())
        .setOccurredAt(Instant.now());
    if (payload != null) {
      boolean truncated = payload.length > MAX_PAYLOAD;
      byte[] kept = truncated ? java.util.Arrays.copyOf(payload, MAX_PAYLOAD) : payload;
      b.setPayload(ByteBuffer.wrap(kept)).setOriginalSize(payload.length).setTruncated(truncated);
    }
    return b;
  }

  /** The most specific message in a cause chain. */
  public static String describe(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    Throwable t = e;
    String msg = t.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        msg = msg == null ? t.getMessage() : msg;
      }
    }
    return (msg == null ? e.getClass().getSimpleName() : msg);
  }
}
