package io.newswatch.schemas.serde;

import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.registry.RegistryConfig;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format payloads. With a target class it resolves the writer's schema (fetched
 * by id) against the class's schema, so old records are read with today's classes; without one it
 * returns {@link org.apache.avro.generic.GenericRecord}s in the writer's schema.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
  /** Kafka config key naming the specific record class to read into. */
  public static final String SPECIFIC_CLASS = "newswatch.avro.specific.class";

  private SchemaRegistry registry;
  private Schema readerSchema;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  /** For Kafka's reflective construction; call {@link #configure} before use. */
  public AvroDeserializer() {}

  /** Reads into {@code type}, or generic records when {@code type} is null. */
  public AvroDeserializer(SchemaRegistry registry, Class<? extends T> type) {
    this.registry = registry;
    this.readerSchema = type == null ? null : schemaOf(type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = new RegistryClient(RegistryConfig.fromMap(configs));
    Object cls = configs.get(SPECIFIC_CLASS);
    if (cls != null) {
      try {
        this.readerSchema = schemaOf(Class.forName(cls.toString()));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(SPECIFIC_CLASS + " names an unknown class: " + cls, e);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer is not configured: pass a RegistryClient or call configure()");
    }
    int id = WireFormat.schemaId(payload);
    DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
    try {
      BinaryDecoder dec = DecoderFactory.get().binaryDecoder(
          payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, decoders.get());
      decoders.set(dec);
      Object value = reader.read(null, dec);
      if (!dec.isEnd()) {
        throw new SerializationException("payload for schema id " + id + " on topic " + topic
            + " has trailing bytes after the record: written with a different schema than its id says?");
      }
      return (T) value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot decode Avro payload (schema id " + id + ", " + payload.length
          + " bytes) on topic " + topic + ": " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int id) {
    Schema writer = registry.schemaById(id);
    if (readerSchema == null) {
      return new GenericDatumReader<>(writer);
    }
    return new SpecificDatumReader<>(writer, readerSchema, SpecificData.getForSchema(readerSchema));
  }

  private static Schema schemaOf(Class<?> type) {
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " is not an Avro specific record class");
    }
    return SpecificData.get().getSchema(type);
  }
}
