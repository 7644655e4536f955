package io.newswatch.schemas;

import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalog: its name, the record type of its values, and the defaults it is created
 * with. Keys are always UTF-8 strings (article, alert or subscription ids).
 *
 * @param name the topic name
 * @param valueType the Avro class of the values
 * @param partitions partitions at creation
 * @param retention how long records are kept; null means forever
 * @param compacted whether the topic is compacted (latest value per key wins)
 */
public record Topic<V extends SpecificRecordBase>(
    String name, Class<V> valueType, int partitions, Duration retention, boolean compacted) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("invalid topic name '" + name + "': use letters, digits, '.', '_' or '-'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
    }
  }

  public Serde<String> keySerde() {
    return Serdes.String();
  }

  public Serde<V> valueSerde(SchemaRegistry registry) {
    return AvroSerde.specific(registry, valueType, false);
  }

  /** The topic-level configs it is created with. */
  public Map<String, String> configs() {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()),
        TopicConfig.COMPRESSION_TYPE_CONFIG, "producer");
  }

  /** The same topic created with another partition count (benchmarks of scale-out). */
  public Topic<V> withPartitions(int count) {
    return new Topic<>(name, valueType, count, retention, compacted);
  }

  /** The same topic under another name, e.g. a per-test or per-tenant prefix. */
  public Topic<V> renamed(String newName) {
    return new Topic<>(newName, valueType, partitions, retention, compacted);
  }
}
