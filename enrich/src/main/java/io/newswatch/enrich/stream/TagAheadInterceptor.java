package io.newswatch.enrich.stream;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The hook that feeds {@link TagAhead}: installed on the stream threads' main consumer, it sees
 * every fetched batch before Kafka Streams buffers it: it offers the raw topic's records for tagging
 * ahead and tells the tag-ahead reader where the stream thread is. It changes nothing it returns.
 */
public final class TagAheadInterceptor implements ConsumerInterceptor<byte[], byte[]> {
  /** The config key (under the main consumer's prefix) that carries the {@link TagAhead} instance. */
  public static final String INSTANCE_CONFIG = "newswatch.enrich.tag-ahead.instance";

  private TagAhead tagAhead = TagAhead.off();

  @Override
  public void configure(Map<String, ?> configs) {
    if (configs.get(INSTANCE_CONFIG) instanceof TagAhead t) {
      tagAhead = t;
    }
  }

  @Override
  public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
    if (tagAhead.enabled()) {
      tagAhead.fetched(records);
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}
}
