package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry deserializer on hostile payloads: random bytes, known schema ids with random bodies,
 * truncated and damaged real records. It returns a record or throws {@link SerializationException};
 * anything else (an NPE, an OutOfMemoryError from a forged length, a hang) would take a consumer down.
 */
class AvroDeserializerFuzzTest {
  private static final String TOPIC = "fuzz.articles";
  private static final InMemorySchemaRegistry REGISTRY = new InMemorySchemaRegistry();
  private static final byte[] VALID = new AvroSerializer<Article>(REGISTRY, false).serialize(TOPIC, article());
  private static final int ALERT_ID = REGISTRY.register("fuzz.alerts-value", Alert.getClassSchema());

  private final AvroDeserializer<Article> deserializer = new AvroDeserializer<>(REGISTRY, Article.class);

  @Property
  void shouldThrowOnlySerializationExceptionWhenThePayloadIsHostile(@ForAll("payloads") byte[] payload) {
    FuzzInputs.withinTime(() -> {
      try {
        Article a = deserializer.deserialize(TOPIC, payload);
        assertThat(a).as("only a null payload reads as null").isNotNull();
        assertThat(a.getId()).isNotNull();
      } catch (SerializationException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException | Error other) {
        fail("deserializing %d bytes %s threw %s instead of a SerializationException", payload.length,
            Arrays.toString(Arrays.copyOf(payload, Math.min(payload.length, 16))), other.toString(), other);
      }
      return null;
    });
  }

  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    Arbitrary<byte[]> knownId = Combinators.combine(Arbitraries.of(1, ALERT_ID, 999_999, -1),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(512)).as(AvroDeserializerFuzzTest::framed);
    Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, VALID.length - 1)
        .map(n -> Arrays.copyOf(VALID, n));
    Arbitrary<byte[]> damaged = Arbitraries.integers().between(5, VALID.length - 1).list().ofMinSize(1).ofMaxSize(6)
        .map(AvroDeserializerFuzzTest::damage);
    return Arbitraries.oneOf(random, knownId, truncated, damaged);
  }

  private static byte[] framed(int id, byte[] body) {
    byte[] out = new byte[5 + body.length];
    out[1] = (byte) (id >>> 24);
    out[2] = (byte) (id >>> 16);
    out[3] = (byte) (id >>> 8);
    out[4] = (byte) id;
    System.arraycopy(body, 0, out, 5, body.length);
    return out;
  }

  private static byte[] damage(List<Integer> positions) {
    byte[] copy = VALID.clone();
    for (int p : positions) {
      copy[p] = (byte) (copy[p] ^ (0x55 + p));
    }
    return copy;
  }

  private static Article article() {
    return Article.newBuilder().setId("fuzz-1").setTitle("عنوان").setBody("نص المقال").setLang("ar").setSource("s")
        .setSourceType(SourceType.HTTP).setFetchedAt(Instant.parse("2025-11-17T08:00:00Z")).setContentHash("")
        .setAttributes(Map.of("a", "b")).build();
  }
}
