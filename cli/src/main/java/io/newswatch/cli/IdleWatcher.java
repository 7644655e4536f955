package io.newswatch.cli;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when the pipeline has drained: every consumer group of the pipeline has committed up to
 * the end of what it reads, and nothing moved for a few checks in a row. Transaction markers are
 * offsets too, and a group commits only after records it processed: one commit marker past the
 * committed offset is allowed as such; a larger gap (an aborted transaction's records and marker,
 * left after a rebalance or a restart) is drained when a read_committed read from the committed
 * offset finds no record before the end.
 */
final class IdleWatcher {
  private final Properties kafka;
  private final List<String> groups;
  private final Map<String, List<String>> requiredTopics;

  /**
   * @param requiredTopics per group, topics it must have committed on before the pipeline can be
   *     idle (so a group that has not started yet is not mistaken for a drained one)
   */
  IdleWatcher(Properties kafka, List<String> groups, Map<String, List<String>> requiredTopics) {
    this.kafka = kafka;
    this.groups = List.copyOf(groups);
    this.requiredTopics = Map.copyOf(requiredTopics);
  }

  /** Blocks until drained and stable for {@code stableChecks} checks a second apart, or the timeout. */
  boolean awaitIdle(Duration timeout, int stableChecks) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Map<TopicPartition, Long> previous = null;
    int stable = 0;
    try (Admin admin = Admin.create(kafka); MarkerCheck markers = new MarkerCheck(kafka)) {
      while (Instant.now().isBefore(deadline)) {
        Map<TopicPartition, Long> snapshot = new HashMap<>();
        boolean drained = true;
        for (String group : groups) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
          for (String topic : requiredTopics.getOrDefault(group, List.of())) {
            if (hasRecords(admin, topic) && committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
              drained = false;
            }
          }
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
          var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
          for (var e : committed.entrySet()) {
            long end = ends.get(e.getKey()).offset();
            long at = e.getValue() == null ? 0 : e.getValue().offset();
            snapshot.put(e.getKey(), at);
            if (end - at > 1 && markers.holdsRecords(e.getKey(), at, end)) {
              drained = false;
            }
          }
        }
        stable = drained && snapshot.equals(previous) ? stable + 1 : 0;
        if (stable >= stableChecks) {
          return true;
        }
        previous = snapshot;
        TimeUnit.SECONDS.sleep(1);
      }
    }
    return false;
  }

  /** Reads a partition's gap with read_committed, to tell markers and aborted records from work left. */
  private static final class MarkerCheck implements AutoCloseable {
    private final Properties props = new Properties();
    private KafkaConsumer<byte[], byte[]> reader;

    MarkerCheck(Properties kafka) {
      props.putAll(kafka);
      props.remove(ConsumerConfig.GROUP_ID_CONFIG);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      props.put(ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-idle-watcher");
    }

    /** Whether a committed record lies in [from, end); an open transaction in it counts as one. */
    boolean holdsRecords(TopicPartition tp, long from, long end) {
      if (reader == null) {
        reader = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      }
      reader.assign(List.of(tp));
      reader.seek(tp, from);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline) {
        var records = reader.poll(Duration.ofMillis(200)).records(tp);
        if (!records.isEmpty()) {
          return records.get(0).offset() < end;
        }
        if (reader.position(tp) >= end) {
          return false;
        }
      }
      return true; // not read to the end (an open transaction holds it back): work may be left
    }

    @Override
    public void close() {
      if (reader != null) {
        reader.close();
      }
    }
  }

  private static boolean hasRecords(Admin admin, String topic) throws Exception {
    var desc = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> req = new HashMap<>();
    desc.partitions().forEach(p -> req.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(req).all().get(10, TimeUnit.SECONDS).values().stream().anyMatch(i -> i.offset() > 0);
  }
}
