package io.newswatch.enrich.stream;

import io.newswatch.schemas.internal.DedupReply;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a dedup reply to the partition its article was read from, where the article waits in the
 * pending store. Hashing the article id would only find it if whoever wrote the raw topic used
 * Kafka's default partitioner; an explicit partition or another client's hash would strand it.
 */
public final class ReplyPartitioner implements StreamPartitioner<String, DedupReply> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, DedupReply reply, int numPartitions) {
    int target = reply == null ? -1 : reply.getTargetPartition();
    if (target >= 0 && target < numPartitions) {
      return Optional.of(Set.of(target));
    }
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
