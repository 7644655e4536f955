package io.newswatch.schemas.serde;

import io.newswatch.schemas.registry.SchemaRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for Avro records in the Confluent wire format, through a registry. */
public final class AvroSerde<T extends GenericContainer> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** A serde for a generated (specific) record class. */
  public static <T extends SpecificRecordBase> AvroSerde<T> specific(SchemaRegistry registry, Class<T> type, boolean isKey) {
    return new AvroSerde<>(new AvroSerializer<>(registry, isKey), new AvroDeserializer<>(registry, type));
  }

  /** A serde for generic records, read in the writer's schema. */
  public static AvroSerde<GenericRecord> generic(SchemaRegistry registry, boolean isKey) {
    return new AvroSerde<>(new AvroSerializer<>(registry, isKey), new AvroDeserializer<>(registry, null));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Built ready to use; Kafka Streams calls this anyway with the app config.
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
