package io.newswatch.ingest.kafka;

import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.FeedState;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the compacted feed-state topic to its end: the latest state of every feed, for any instance to take over. */
public final class FeedStateStore {
  private static final Logger log = LoggerFactory.getLogger(FeedStateStore.class);

  private FeedStateStore() {}

  public static Map<String, FeedState> load(Properties kafka, SchemaRegistry registry, String topic) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "newswatch-feed-state-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroDeserializer<FeedState> deser = new AvroDeserializer<>(registry, FeedState.class);
    Map<String, FeedState> states = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            states.remove(r.key());
            continue;
          }
          try {
            states.put(r.key(), deser.deserialize(topic, r.value()));
          } catch (RuntimeException e) {
            // A bad state record costs a re-poll of that feed, never the service.
            log.warn("ignoring unreadable feed state for {} at offset {}: {}", LogSafe.of(r.key()), r.offset(),
                LogSafe.of(e.getMessage()));
          }
        }
      }
    }
    return states;
  }
}
