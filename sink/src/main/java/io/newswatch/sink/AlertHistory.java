package io.newswatch.sink;

import io.newswatch.schemas.avro.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic back: every committed alert written since a time, up to the topic's end as
 * it was when the read began. The live page restores its stories from it when the sink starts, and
 * {@code newswatch stories} lists them. Nothing is committed; a record that cannot be decoded is
 * counted and passed over (the delivery loop dead-letters it when it meets it).
 */
public final class AlertHistory {

  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

  /** What a read found. */
  public record Result(long alerts, long undecodable) {
  }

  private final Properties kafka;
  private final String topic;
  private final Deserializer<Alert> values;

  public AlertHistory(Properties kafka, String topic, Deserializer<Alert> values) {
    this.kafka = kafka;
    this.topic = topic;
    this.values = values;
  }

  /**
   * Hands every alert whose record was written at or after {@code since} to {@code each}, partition by
   * partition in offset order.
   *
   * @throws IllegalStateException if the topic does not exist or its end is not reached within {@code timeout}
   */
  public Result read(Instant since, Duration timeout, Consumer<Alert> each) {
    long[] counts = new long[2];
    try (KafkaConsumer<byte[], byte[]> consumer = SinkClients.groupless(kafka, "newswatch-alert-history")) {
      List<TopicPartition> partitions = SinkClients.partitions(consumer, topic);
      consumer.assign(partitions);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, timeout);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp start = starts.get(tp);
        // No record that late: nothing to read there.
        consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
      }
      SinkClients.readToEnd(consumer, partitions, timeout, r -> {
        Alert alert;
        try {
          alert = values.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
          counts[1]++;
          LOG.debug("Passing over undecodable alert {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          return;
        }
        if (alert != null) {
          counts[0]++;
          each.accept(alert);
        }
      });
    }
    return new Result(counts[0], counts[1]);
  }
}
