package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The fallback of a lost parked article: reading one raw record again by partition and offset. */
@WithPlatform
class KafkaRawArticlesIT {

  @Test
  void shouldReadTheArticleAtAnOffsetOfAnyPartition(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("raw-again") + ".raw";
    platform.createTopics(Map.of(topic, 3));
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    try (var producer = new KafkaProducer<>(kafka, new StringSerializer(), new AvroSerializer<Article>(registry, false))) {
      for (int i = 0; i < 300; i++) {
        producer.send(new ProducerRecord<>(topic, 1, "a-" + i, article("a-" + i))).get();
      }
    }
    try (KafkaRawArticles raw = new KafkaRawArticles(kafka, topic, new AvroDeserializer<>(registry, Article.class))) {
      assertThat(raw.read(1, 2).getId()).isEqualTo("a-2");
      assertThat(raw.read(1, 0).getId()).as("backwards too").isEqualTo("a-0");
      long before = raw.fetches();
      // A moved task asks for a run of its partition's records one by one: they come from the read-ahead.
      for (int i = 1; i < 300; i++) {
        assertThat(raw.read(1, i).getId()).isEqualTo("a-" + i);
      }
      assertThat(raw.fetches() - before).as("fetches for 299 consecutive records").isLessThanOrEqualTo(3);
    }
  }

  private static Article article(String id) {
    return Article.newBuilder().setId(id).setTitle("t " + id).setBody("b").setLang("en").setSource("s")
        .setSourceType(SourceType.FILE).setFetchedAt(Instant.EPOCH).setContentHash("").build();
  }
}
