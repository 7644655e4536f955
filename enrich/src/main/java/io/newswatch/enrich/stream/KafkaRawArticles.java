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
 * shared under a lock, is enough. A task that moved, or an instance that restarted, misses the parked
 * copies of a whole run of its partition's records and asks for them one after another: the records a
 * fetch returns past the one asked for are kept (up to {@value #READ_AHEAD}), so such a run costs one
 * fetch per batch, not one seek and fetch per article.
 */
public final class KafkaRawArticles implements RawArticles {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaRawArticles.class);
  /** Well under the exactly-once transaction timeout (10 s), which the stream thread waits inside. */
  private static final Duration PATIENCE = Duration.ofSeconds(5);
  /** Records kept from earlier fetches (about 4 KB each). */
  static final int READ_AHEAD = 2_000;

  private final Properties props;
  private final String topic;
  private final Deserializer<Article> deserializer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private long fetches;
  private final java.util.LinkedHashMap<TopicPartitionOffset, ConsumerRecord<byte[], byte[]>> ahead =
      new java.util.LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<TopicPartitionOffset, ConsumerRecord<byte[], byte[]>> e) {
          return size() > READ_AHEAD;
        }
      };

  private record TopicPartitionOffset(int partition, long offset) {
  }

  /** @param kafka client properties (bootstrap servers, security); consumer settings are added */
  public KafkaRawArticles(Properties kafka, String topic, Deserializer<Article> deserializer) {
    this.props = plainConsumer(kafka, "newswatch-enrich-raw-reader");
    this.topic = topic;
    this.deserializer = deserializer;
  }

  /**
   * Settings of a plain consumer of the raw topic: assigned partitions, no group, committed records
   * only, no offsets committed; the connection and security settings of {@code kafka}.
   */
  static Properties plainConsumer(Properties kafka, String clientId) {
    Properties props = new Properties();
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
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }

  @Override
  public synchronized Article read(int partition, long offset) {
    ConsumerRecord<byte[], byte[]> kept = ahead.remove(new TopicPartitionOffset(partition, offset));
    if (kept != null) {
      return decode(kept);
    }
    if (consumer == null) {
      consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    fetches++;
    log.info("reading {} again from offset {} (parked copies are gone: restart or task moved)", tp, offset);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      ConsumerRecord<byte[], byte[]> found = null;
      boolean past = false;
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
        if (r.offset() == offset) {
          found = r;
        } else if (r.offset() > offset) {
          past |= found == null;
          ahead.put(new TopicPartitionOffset(partition, r.offset()), r);
        }
      }
      if (found != null) {
        return decode(found);
      }
      if (past) {
        return null; // that offset holds no committed record any more
      }
    }
    throw new RawArticles.Unavailable("raw article " + topic + "-" + partition + "@" + offset
        + " could not be read again within " + PATIENCE.toSeconds() + " s");
  }

  /** How many fetches from the broker reads have needed (tests of the read-ahead). */
  synchronized long fetches() {
    return fetches;
  }

  private Article decode(ConsumerRecord<byte[], byte[]> r) {
    return r.value() == null ? null : deserializer.deserialize(topic, r.headers(), r.value());
  }

  @Override
  public synchronized void close() {
    ahead.clear();
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
