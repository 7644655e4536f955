package io.newswatch.enrich.stream;

import io.newswatch.schemas.internal.ArticleDecision;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a decision to the partition its article was read from, whose intake parked the article
 * (see {@link ParkedArticles}): its task owns both. Hashing the article id would only land there if whoever wrote the
 * raw topic used Kafka's default partitioner.
 */
public final class DecisionPartitioner implements StreamPartitioner<String, ArticleDecision> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, ArticleDecision decision, int numPartitions) {
    int target = decision == null ? -1 : decision.getSourcePartition();
    if (target >= 0 && target < numPartitions) {
      return Optional.of(Set.of(target));
    }
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }
}
