package io.newswatch.schemas.serde;

import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.registry.RegistryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format, registering or looking up
 * the schema under the TopicNameStrategy subject {@code <topic>-value} (or {@code -key}).
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
  private SchemaRegistry registry;
  private boolean isKey;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, TailWriter> tailWriters = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  /**
   * A buffer per thread, reused: an article record is several KB, and a fresh small buffer grew
   * through five copies to hold it before the final copy out.
   */
  private final ThreadLocal<ByteArrayOutputStream> buffers = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(8192));
  private static final int MAX_KEPT_BUFFER = 1 << 20;

  /** For Kafka's reflective construction; call {@link #configure} before use. */
  public AvroSerializer() {}

  public AvroSerializer(SchemaRegistry registry, boolean isKey) {
    this.registry = registry;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = new RegistryClient(RegistryConfig.fromMap(configs));
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    return write(topic, record, null, 0, 0);
  }

  /**
   * Writes {@code record} as {@link #serialize} does, with its first field taken as already encoded:
   * {@code first[offset, offset + length)} must be that field's Avro binary encoding, in a schema whose
   * parsing canonical form is that of the field's schema in {@code record}'s (the caller checks; the
   * bytes are copied as they are). Saves decoding and encoding again a large record that arrived
   * encoded and travels on unchanged inside another, like an article from the raw topic to the tagged one.
   */
  public byte[] serializeWithFirstField(String topic, T record, byte[] first, int offset, int length) {
    if (record == null) {
      return null;
    }
    if (record.getSchema().getType() != Schema.Type.RECORD || record.getSchema().getFields().isEmpty()) {
      throw new IllegalArgumentException(record.getSchema().getFullName() + " is not a record with fields");
    }
    return write(topic, record, first, offset, length);
  }

  private byte[] write(String topic, T record, byte[] first, int offset, int length) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer is not configured: pass a RegistryClient or call configure()");
    }
    Schema schema = record.getSchema();
    String subject = Subjects.of(topic, isKey);
    int id = registry.autoRegister()
        ? registry.register(subject, schema)
        : registry.lookup(subject, schema);
    try {
      ByteArrayOutputStream out = buffers.get();
      out.reset();
      out.write(WireFormat.MAGIC_BYTE);
      out.write(id >>> 24);
      out.write(id >>> 16);
      out.write(id >>> 8);
      out.write(id);
      BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, encoders.get());
      encoders.set(enc);
      if (first == null) {
        writers.computeIfAbsent(schema, s -> writerFor(record, s)).write(record, enc);
      } else {
        // Avro writes a record as its fields one after the other, nothing around them.
        enc.writeFixed(first, offset, length);
        tailWriters.computeIfAbsent(schema, TailWriter::new).writeFieldsAfterFirst(record, enc);
      }
      enc.flush();
      byte[] bytes = out.toByteArray();
      if (bytes.length > MAX_KEPT_BUFFER) {
        buffers.remove(); // one huge record does not pin its buffer on the thread
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      // A write that failed half way leaves bytes in the encoder's own buffer; reusing that encoder
      // would flush them into the next record's stream (this same reused buffer) and corrupt it. The
      // caller may go on after the error (the dead-letter handler does), so this thread starts over.
      encoders.remove();
      buffers.remove();
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot write " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Writes a record's fields but the first; stateless, so one per schema serves every thread. */
  private static final class TailWriter extends SpecificDatumWriter<Object> {
    private final Schema schema;

    TailWriter(Schema schema) {
      super(schema, SpecificData.getForSchema(schema));
      this.schema = schema;
    }

    void writeFieldsAfterFirst(Object record, Encoder out) throws IOException {
      List<Schema.Field> fields = schema.getFields();
      for (int i = 1; i < fields.size(); i++) {
        writeField(record, fields.get(i), out, null);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(GenericContainer record, Schema schema) {
    if (record instanceof SpecificRecord) {
      return (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }
    return new GenericDatumWriter<>(schema);
  }
}
