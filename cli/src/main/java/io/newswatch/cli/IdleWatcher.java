package io.newswatch.cli;

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
 * the end of what it reads, and nothing moved for a few checks in a row. One offset of slack per
 * partition covers the marker that ends each exactly-once transaction.
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
    try (Admin admin = Admin.create(kafka)) {
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
            if (end - at > 1) {
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

  private static boolean hasRecords(Admin admin, String topic) throws Exception {
    var desc = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> req = new HashMap<>();
    desc.partitions().forEach(p -> req.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(req).all().get(10, TimeUnit.SECONDS).values().stream().anyMatch(i -> i.offset() > 0);
  }
}
