package io.newswatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The serde against a real broker and a real Apicurio Registry through its Confluent API. */
@WithPlatform
class AvroSerdeIT {

  @Test
  void shouldProduceAndConsumeArticlesThroughTheBrokerWhenUsingTheSerde(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("serde-articles");
    platform.createTopics(Map.of(topic, 3));
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    var serde = AvroSerde.specific(registry, Article.class, false);
    List<Article> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(article("a" + i, "كوريا الشمالية " + i));
    }
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    try (var producer = new KafkaProducer<>(pp, new StringSerializer(), serde.serializer())) {
      for (Article a : sent) {
        producer.send(new ProducerRecord<>(topic, a.getId(), a)).get();
      }
    }
    List<Article> received = consume(platform, topic, serde.deserializer(), sent.size());
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(registry.latest(topic + "-value").schema()).isEqualTo(Article.getClassSchema());
  }

  @Test
  void shouldDecodeAHandBuiltConfluentFrameWhenTheSchemaIsRegistered(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("serde-handbuilt");
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    Schema schema = probe("probe-v1.avsc");
    int id = registry.register(topic + "-value", schema);
    GenericRecord rec = new GenericData.Record(schema);
    rec.put("id", "x-1");
    rec.put("count", 7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(rec, enc);
    enc.flush();

    // A fresh client: nothing cached, the schema must come from the registry by id.
    var deser = new AvroDeserializer<GenericRecord>(new RegistryClient(RegistryConfig.of(platform.registryUrl())), null);
    GenericRecord back = deser.deserialize(topic, out.toByteArray());
    assertThat(back.get("id").toString()).isEqualTo("x-1");
    assertThat(back.get("count")).isEqualTo(7);
  }

  @Test
  void shouldDecodeWithPlainAvroWhenTheWriterSchemaIsFetchedById(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("serde-plain");
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    Article a = article("plain-1", "Military Demarcation Line");
    byte[] bytes = AvroSerde.specific(registry, Article.class, false).serializer().serialize(topic, a);

    assertThat(bytes[0]).isZero();
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    Schema fetched = new Schema.Parser().parse(fetchSchemaJson(platform.registryUrl(), id));
    GenericRecord plain = new GenericDatumReader<GenericRecord>(fetched)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(plain.get("id").toString()).isEqualTo("plain-1");
    assertThat(plain.get("body").toString()).isEqualTo("Military Demarcation Line");
  }

  @Test
  void shouldRejectAnIncompatibleSchemaChangeWithTheRegistryMessage(TestPlatform platform) throws Exception {
    String subject = platform.uniqueName("serde-compat") + "-value";
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    registry.register(subject, probe("probe-v1.avsc"));
    registry.setCompatibility(subject, "BACKWARD");
    assertThat(registry.compatibility(subject)).isEqualTo("BACKWARD");

    assertThat(registry.testCompatibility(subject, probe("probe-v2-incompatible.avsc")).compatible()).isFalse();
    assertThat(registry.testCompatibility(subject, probe("probe-v2-compatible.avsc")).compatible()).isTrue();
    assertThatThrownBy(() -> registry.register(subject, probe("probe-v2-incompatible.avsc")))
        .isInstanceOf(RegistryException.Incompatible.class)
        .hasMessageContaining("incompatible with subject '" + subject + "'");
    int v2 = registry.register(subject, probe("probe-v2-compatible.avsc"));
    assertThat(registry.latest(subject).id()).isEqualTo(v2);
  }

  @Test
  void shouldSayTheSchemaIdIsUnknownWhenTheRegistryHasNoSuchId(TestPlatform platform) {
    var deser = new AvroDeserializer<GenericRecord>(new RegistryClient(RegistryConfig.of(platform.registryUrl())), null);
    byte[] payload = {0, 0x7f, 0x11, 0x22, 0x33, 2, 'x'};
    assertThatThrownBy(() -> deser.deserialize("t", payload))
        .isInstanceOf(RegistryException.UnknownSchemaId.class)
        .hasMessageContaining("schema id " + 0x7f112233 + " is unknown");
  }

  @Test
  void shouldSayTheRegistryIsUnreachableWhenNothingListens() {
    RegistryConfig cfg = new RegistryConfig(URI.create("http://127.0.0.1:" + io.newswatch.platform.Ports.freePort()),
        null, null, Duration.ofSeconds(1), 1, Duration.ofMillis(10), true);
    var ser = new AvroSerializer<Article>(new RegistryClient(cfg), false);
    assertThatThrownBy(() -> ser.serialize("t", article("u", "b")))
        .isInstanceOf(RegistryException.Unavailable.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void shouldRefuseToRegisterWhenAutoRegistrationIsOff(TestPlatform platform) {
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()).withAutoRegister(false));
    var ser = new AvroSerializer<Article>(registry, false);
    assertThatThrownBy(() -> ser.serialize(platform.uniqueName("serde-noauto"), article("n", "b")))
        .isInstanceOf(RegistryException.NotFound.class);
  }

  static Article article(String id, String body) {
    return Article.newBuilder()
        .setId(id).setUrl("https://example.org/" + id).setCanonicalUrl("https://example.org/" + id)
        .setSource("example.org").setSourceType(SourceType.FILE).setTitle("t " + id).setBody(body).setLang("ar")
        .setPublishedAt(Instant.parse("2025-11-17T08:00:00Z")).setFetchedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setContentHash("h" + id).build();
  }

  private static Schema probe(String file) throws IOException {
    return new Schema.Parser().parse(Files.readString(Path.of("src/test/resources/avro", file)));
  }

  private static String fetchSchemaJson(String registryUrl, int id) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var res = http.send(java.net.http.HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(res.body()).get("schema").asText();
  }

  private static <V> List<V> consume(TestPlatform platform, String topic,
      org.apache.kafka.common.serialization.Deserializer<V> deser, int expected) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("g"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<V> out = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(cp, new StringDeserializer(), deser)) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(30);
      while (out.size() < expected && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
