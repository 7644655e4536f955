package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Article;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a raw article again from the raw topic with a plain consumer (assigned, no group, committed
 * records only). Used only when a parked copy is missing, so one consumer, created on first use and
 * shared under a lock, is enough.
 */
public final class KafkaRawArticles implements RawArticles {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaRawArticles.class);
  /** Well under the exactly-once transaction timeout (10 s), which the stream thread waits inside. */
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  private final Properties props;
  private final String topic;
  private final Deserializer<Article> deserializer;
  private KafkaConsumer<byte[], byte[]> consumer;

  /** @param kafka client properties (bootstrap servers, security); consumer settings are added */
  public KafkaRawArticles(Properties kafka, String topic, Deserializer<Article> deserializer) {
    this.props = new Properties();
    kafka.forEach((k, v) -> {
      // Only what a plain consumer understands: Streams-only keys would be logged as unknown.
      String key = k.toString();
      if (!key.startsWith("producer.") && !key.startsWith("main.consumer.") && !key.startsWith("restore.consumer.")) {
        props.put(k, v);
      }
    });
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-enrich-raw-reader");
    this.topic = topic;
    this.deserializer = deserializer;
  }

  @Override
  public synchronized Article read(int partition, long offset) {
    if (consumer == null) {
      consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    log.info("reading {}@{} again (its parked copy is gone: restart or task moved)", tp, offset);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
        if (r.offset() == offset) {
          return r.value() == null ? null : deserializer.deserialize(topic, r.headers(), r.value());
        }
        if (r.offset() > offset) {
          return null; // that offset holds no committed record any more
        }
      }
    }
    throw new RawArticles.Unavailable("raw article " + topic + "-" + partition + "@" + offset
        + " could not be read again within " + PATIENCE.toSeconds() + " s");
  }

  @Override
  public synchronized void close() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
