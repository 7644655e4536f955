package io.newswatch.sink;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds the sink's Kafka clients the same way everywhere. */
final class SinkClients {

  private SinkClients() {
  }

  /**
   * A consumer of raw bytes without a group, for reading whole topics by assignment: nothing is
   * committed, and a record it cannot decode is the caller's to handle.
   */
  static KafkaConsumer<byte[], byte[]> groupless(Properties kafka, String clientId) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** An idempotent producer (acks=all) with string keys. */
  static <V> KafkaProducer<String, V> producer(Properties kafka, String clientId, Serializer<V> values) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new StringSerializer(), values);
  }

  /**
   * Reads the assigned {@code partitions} from their current positions up to the end offsets they had
   * when called (under read_committed, the last stable offsets), handing every record to {@code each}.
   *
   * @throws IllegalStateException if the end is not reached within {@code timeout}
   */
  static void readToEnd(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Duration timeout,
      java.util.function.Consumer<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> each) {
    java.util.Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("could not read " + partitions + " to their end within " + timeout);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
  }

  /**
   * Every partition of {@code topic}.
   *
   * @throws IllegalStateException if the topic does not exist
   */
  static List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic '" + topic + "' does not exist; create it or let the sink create it");
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }
}
