package io.newswatch.reliability;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Committed offsets of the pipeline's consumer groups against the end of each partition, and the end
 * of every pipeline topic: what a failure message needs to tell a stalled stage from a slow one.
 */
final class Offsets {
  private Offsets() {}

  static String describe(Pipeline pipe) {
    StringBuilder sb = new StringBuilder("offsets of ").append(pipe.applicationId()).append(" and ").append(pipe.group())
        .append(":\n");
    try (Admin admin = Admin.create(pipe.kafka())) {
      for (String group : new String[] {pipe.applicationId(), pipe.group()}) {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
            admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
        committed.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
            .forEach(e -> sb.append("  ").append(group).append(' ').append(e.getKey()).append(" committed=")
                .append(e.getValue() == null ? "none" : e.getValue().offset()).append(" end=")
                .append(ends.get(e.getKey()).offset()).append('\n'));
      }
      Map<TopicPartition, OffsetSpec> all = new HashMap<>();
      String prefix = pipe.applicationId().substring(0, pipe.applicationId().length() - "-enrich".length());
      for (var d : admin.describeTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(prefix)).toList()).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
        d.partitions().forEach(p -> all.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      admin.listOffsets(all).all().get(10, TimeUnit.SECONDS).entrySet().stream()
          .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
          .forEach(e -> sb.append("  end ").append(e.getKey()).append('=').append(e.getValue().offset()).append('\n'));
    } catch (Exception e) {
      sb.append("  (cannot read offsets: ").append(e).append(")\n");
    }
    return sb.toString();
  }
}
