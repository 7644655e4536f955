package io.newswatch.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's pass-through of the pipeline's own records with warm clients: one producer and one
 * consumer are warmed on another topic first (connections, metadata, JIT), then the records are
 * produced and read back from assigned partitions. No client start and no consumer-group join is
 * inside the timed part.
 */
public final class KafkaPassThrough {
  /** Records of the untimed warm-up round. */
  public static final int WARM_RECORDS = 5_000;

  /** Seconds to produce and to consume {@code records} records. */
  public record Result(int records, double produceSeconds, double consumeSeconds) {
    public double producePerSecond() {
      return records / produceSeconds;
    }

    public double consumePerSecond() {
      return records / consumeSeconds;
    }

    /** Records per second when each is first produced and then consumed: N / (produce + consume time). */
    public double passThroughPerSecond() {
      return records / (produceSeconds + consumeSeconds);
    }
  }

  private KafkaPassThrough() {}

  /**
   * Produces {@code records} records to {@code topic} with {@code producerProps}, cycling through
   * {@code keys} and {@code values}, then consumes them.
   *
   * @param warmTopic an empty topic for the warm-up round, with the same settings as {@code topic}
   */
  public static Result measure(Properties kafka, Properties producerProps, String warmTopic, String topic, List<String> keys,
      List<byte[]> values, int records) {
    Properties pp = new Properties();
    pp.putAll(producerProps);
    pp.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-ceiling-producer");
    Properties cp = new Properties();
    cp.putAll(kafka);
    cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-ceiling-consumer");
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    int warm = Math.min(WARM_RECORDS, keys.size());
    try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer());
        var consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      send(producer, warmTopic, keys, values, warm);
      read(consumer, partitions(consumer, warmTopic), warm);
      producer.partitionsFor(topic);
      List<TopicPartition> parts = partitions(consumer, topic);

      long t0 = System.nanoTime();
      send(producer, topic, keys, values, records);
      double produceS = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      read(consumer, parts, records);
      double consumeS = (System.nanoTime() - t1) / 1e9;
      return new Result(records, produceS, consumeS);
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, List<String> keys, List<byte[]> values,
      int records) {
    for (int i = 0; i < records; i++) {
      int at = i % keys.size();
      producer.send(new ProducerRecord<>(topic, keys.get(at), values.get(at)));
    }
    producer.flush();
  }

  /** Every partition of {@code topic}, to assign (the bench's readers join no group: no rebalance is timed). */
  static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> parts = new ArrayList<>();
    consumer.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
    return parts;
  }

  private static void read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> parts, int expected) {
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    long n = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (n < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("read " + n + " of " + expected + " records in 5 minutes");
      }
      n += consumer.poll(Duration.ofMillis(100)).count();
    }
  }
}
