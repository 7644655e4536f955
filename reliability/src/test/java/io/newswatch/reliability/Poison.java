package io.newswatch.reliability;

import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The five kinds of poison a topic can carry, built from a good record of that topic: random bytes,
 * a wrong magic byte, an unknown schema id, truncated Avro, and a record of another type written with
 * a schema registered under another subject, whose (valid) id is then used.
 */
final class Poison {
  /** One poison record: what it is and its bytes. */
  record Kind(String name, byte[] bytes) {}

  private static final Schema INCOMPATIBLE = intruderSchema();

  private Poison() {}

  /** The five kinds, for {@code topic}, whose good records look like {@code sample}. */
  static List<Kind> kinds(RegistryClient registry, String topic, SpecificRecordBase sample) {
    byte[] good = new AvroSerializer<SpecificRecordBase>(registry, false).serialize(topic, sample);
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 1;
    byte[] unknownId = good.clone();
    ByteBuffer.wrap(unknownId, 1, 4).putInt(0x7FFF_FF00);
    byte[] truncated = Arrays.copyOf(good, 5 + (good.length - 5) / 2);
    int intruderId = registry.register(topic + "-intruder-value", INCOMPATIBLE);
    return List.of(
        new Kind("random-bytes", new byte[] {42, -7, 13, 0, 99, -128, 5, 77, 1}),
        new Kind("wrong-magic-byte", wrongMagic),
        new Kind("unknown-schema-id", unknownId),
        new Kind("truncated-avro", truncated),
        new Kind("incompatible-schema", framed(intruderId, intruder())));
  }

  private static Schema intruderSchema() {
    try (var in = Poison.class.getResourceAsStream("/poison/intruder.avsc")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /poison/intruder.avsc");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] intruder() {
    GenericRecord r = new GenericData.Record(INCOMPATIBLE);
    r.put("weight", 3.5);
    r.put("tags", List.of(1, 2, 3));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(INCOMPATIBLE).write(r, enc);
      enc.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] framed(int id, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(5 + body.length);
    b.put((byte) 0).putInt(id).put(body);
    return b.array();
  }
}
