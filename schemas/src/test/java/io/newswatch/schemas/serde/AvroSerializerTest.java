package io.newswatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {
  private static final Schema PAIR = SchemaBuilder.record("Pair").namespace("io.newswatch.test")
      .fields().requiredString("a").requiredString("b").endRecord();

  private static GenericRecord pair(String a, String b) {
    GenericRecord r = new GenericData.Record(PAIR);
    r.put("a", a);
    r.put("b", b);
    return r;
  }

  @Test
  void shouldWriteTheNextRecordIntactAfterAWriteThatFailedHalfWay() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, false);
    serializer.serialize("t", pair("warm", "up")); // the thread's encoder and buffer exist now

    // "a" is written into the encoder's buffer before the null "b" fails the write
    assertThatThrownBy(() -> serializer.serialize("t", pair("x", null)))
        .isInstanceOf(SerializationException.class);
    byte[] after = serializer.serialize("t", pair("y", "z"));

    byte[] fresh = new AvroSerializer<GenericRecord>(registry, false).serialize("t", pair("y", "z"));
    assertThat(after).isEqualTo(fresh);
    GenericRecord read = new AvroDeserializer<GenericRecord>(registry, null).deserialize("t", after);
    assertThat(read.get("a").toString()).isEqualTo("y");
    assertThat(read.get("b").toString()).isEqualTo("z");
  }

  @Test
  void shouldWriteTheSameBytesForTheSameRecordWhenTheBufferIsReused() {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(new InMemorySchemaRegistry(), false);
    byte[] first = serializer.serialize("t", pair("long value ".repeat(2000), "b"));
    serializer.serialize("t", pair("short", "c"));
    assertThat(serializer.serialize("t", pair("long value ".repeat(2000), "b"))).isEqualTo(first);
  }
}
