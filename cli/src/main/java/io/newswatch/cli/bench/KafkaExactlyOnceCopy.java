package io.newswatch.cli.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's exactly-once copy of the pipeline's own records, with Kafka's clients alone: read
 * (read_committed, assigned partitions) and write each record again to another topic inside
 * transactions that also carry the read offsets, one transaction per commit interval, as a Kafka
 * Streams task with exactly-once v2 does for one hop and nothing else. Warm clients, as
 * {@link KafkaPassThrough}: a first round on a warm-up topic is not timed.
 *
 * <p>It is not the ceiling (that stays Kafka's plain pass-through, the definition): it is
 * what one exactly-once hop costs on this machine with no work in it, printed beside the
 * pipeline's figure. It also runs the broker's transactional paths (transaction markers, the
 * transaction coordinator, read_committed fetches), which the plain ceiling does not use, so a
 * freshly started broker has compiled them before the pipeline's timed part, as a long-lived one
 * has.
 */
public final class KafkaExactlyOnceCopy {
  private static final String GROUP = "bench-eos-copy";

  /** Records copied and the seconds it took, with the transactions committed. */
  public record Result(long records, double seconds, long transactions) {
    public double perSecond() {
      return records / seconds;
    }
  }

  private KafkaExactlyOnceCopy() {}

  /**
   * Copies the {@code warmRecords} records of {@code warmTopic} (untimed) and then the
   * {@code records} records of {@code topic} (timed) to {@code target}.
   *
   * @param producerProps the producer settings enrich's producers use (a transactional id is added)
   * @param commitInterval how long a transaction stays open, as enrich's {@code commit.interval.ms}
   */
  public static Result measure(Properties kafka, Properties producerProps, String warmTopic, long warmRecords,
      String topic, long records, String target, Duration commitInterval) {
    Properties pp = new Properties();
    pp.putAll(producerProps);
    pp.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-eos-copy-producer");
    pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-eos-copy");
    Properties cp = new Properties();
    cp.putAll(kafka);
    cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-eos-copy-consumer");
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
        var consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      producer.initTransactions();
      producer.partitionsFor(target);
      copy(producer, consumer, warmTopic, warmRecords, target, commitInterval);
      long t0 = System.nanoTime();
      long transactions = copy(producer, consumer, topic, records, target, commitInterval);
      return new Result(records, (System.nanoTime() - t0) / 1e9, transactions);
    }
  }

  /** Copies {@code records} records of {@code topic} from its start; returns the transactions committed. */
  private static long copy(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer, String topic,
      long records, String target, Duration commitInterval) {
    List<TopicPartition> parts = KafkaPassThrough.partitions(consumer, topic);
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    ConsumerGroupMetadata group = new ConsumerGroupMetadata(GROUP);
    long copied = 0;
    long transactions = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    long openedAt = 0;
    boolean open = false;
    while (copied < records || open) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("copied " + copied + " of " + records + " records in 5 minutes");
      }
      if (copied < records) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (copied == records) {
            break;
          }
          if (!open) {
            producer.beginTransaction();
            open = true;
            openedAt = System.nanoTime();
          }
          producer.send(new ProducerRecord<>(target, r.key(), r.value()));
          offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          copied++;
        }
      }
      if (open && (copied == records || System.nanoTime() - openedAt >= commitInterval.toNanos())) {
        producer.sendOffsetsToTransaction(offsets, group);
        producer.commitTransaction();
        offsets.clear();
        open = false;
        transactions++;
      }
    }
    return transactions;
  }
}
