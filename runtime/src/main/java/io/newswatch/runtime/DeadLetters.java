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
    return builder(stage, source, reason, error, payload).build();
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
